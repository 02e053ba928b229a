package dev.quern.examples;

import dev.quern.api.Context;
import dev.quern.api.Input;
import dev.quern.api.Job;
import dev.quern.api.Mapper;
import dev.quern.api.Reducer;
import dev.quern.api.Tool;
import dev.quern.api.Workflow;
import dev.quern.examples.terasort.ToolArgs;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Estimates pi by Monte Carlo: throw SAMPLES points into the unit square, count those inside the
 * quarter circle {@code x² + y² <= 1}; pi is about 4 × inside / SAMPLES. A job whose input is a range
 * of numbers, not files: sample {@code i} of {@code 0 .. SAMPLES-1} is a point drawn from a seeded
 * function of (seed, i) alone, so the estimate does not depend on how many maps share the work.
 *
 * <pre>pi [--seed S] MAPS SAMPLES OUT      (SAMPLES takes k, m, g suffixes; seed 42 by default)</pre>
 *
 * Each map counts its points and writes two records in {@code cleanup}; a single reducer sums them
 * and writes {@code inside<TAB>K}, {@code samples<TAB>N} and {@code pi<TAB>4K/N} (12 decimals,
 * rounded half-even). SAMPLES = 0 gives an empty output: no estimate. The same as the plain loop
 * {@code for (i = 0; i < N; i++) if (inside(seed, i)) K++;} (the test's oracle).
 */
public final class Pi implements Tool {

    public static final String USAGE = "usage: pi [--seed S] MAPS SAMPLES OUT";
    public static final String SEED = "pi.seed";
    public static final long DEFAULT_SEED = 42;
    static final String INSIDE = "inside";
    static final String SAMPLES = "samples";

    @Override
    public Workflow plan(List<String> args, int reducers) {
        ToolArgs a = ToolArgs.parse(args, Set.of("--seed"), 3, USAGE);
        long maps = ToolArgs.parseCount("MAPS", a.positional().get(0), 1, USAGE);
        long samples = ToolArgs.parseCount("SAMPLES", a.positional().get(1), 0, USAGE);
        if (maps > 1 << 20) {
            throw new IllegalArgumentException("pi: MAPS must be <= " + (1 << 20) + ", got " + maps + "; " + USAGE);
        }
        long seed = a.count("--seed", DEFAULT_SEED, Long.MIN_VALUE, USAGE);
        return Workflow.of(job((int) maps, samples, seed, Path.of(a.positional().get(2))));
    }

    public static Job job(int maps, long samples, long seed, Path out) {
        return Job.builder("pi").input(Input.range(samples, maps)).mapper(DartMapper.class)
                .combiner(WordCount.SumReducer.class).reducer(EstimateReducer.class)
                .mapOutput(String.class, Long.class).outputTypes(String.class, String.class).reducers(1)
                .set(SEED, Long.toString(seed)).output(out).build();
    }

    /** Whether sample {@code i} of the run with {@code seed} falls inside the quarter circle. */
    public static boolean inside(long seed, long i) {
        double x = unit(mix(seed + 2 * i));
        double y = unit(mix(seed + 2 * i + 1));
        return x * x + y * y <= 1.0;
    }

    /** SplitMix64's finalizer: a well-mixed 64-bit value of any input, the same on every JVM. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** The top 53 bits as a double in [0, 1). */
    private static double unit(long bits) {
        return (bits >>> 11) * 0x1.0p-53;
    }

    /** 4K/N to 12 decimals. */
    public static String estimate(long inside, long samples) {
        return BigDecimal.valueOf(inside).multiply(BigDecimal.valueOf(4)).divide(BigDecimal.valueOf(samples), 12, RoundingMode.HALF_EVEN)
                .toPlainString();
    }

    /** (sample i, count) to nothing per sample; the map's totals in cleanup. */
    public static final class DartMapper extends Mapper<Long, Long, String, Long> {
        private long seed;
        private long inside;
        private long thrown;

        @Override
        public void setup(Context<String, Long> context) {
            seed = Long.parseLong(context.get(SEED, Long.toString(DEFAULT_SEED)));
        }

        @Override
        public void map(Long i, Long count, Context<String, Long> context) {
            thrown++;
            if (inside(seed, i)) {
                inside++;
            }
        }

        @Override
        public void cleanup(Context<String, Long> context) throws IOException {
            if (thrown > 0) {
                context.write(INSIDE, inside);
                context.write(SAMPLES, thrown);
            }
        }
    }

    /** Sums {@code inside} and {@code samples} (in that key order) and writes the estimate after them. */
    public static final class EstimateReducer extends Reducer<String, Long, String, String> {
        private long inside;
        private long samples;

        @Override
        public void reduce(String key, Iterable<Long> counts, Context<String, String> context) throws IOException {
            long sum = 0;
            for (long c : counts) {
                sum += c;
            }
            if (key.equals(INSIDE)) {
                inside = sum;
            } else {
                samples = sum;
            }
            context.write(key, Long.toString(sum));
        }

        @Override
        public void cleanup(Context<String, String> context) throws IOException {
            if (samples > 0) {
                context.write("pi", estimate(inside, samples));
            }
        }
    }
}
