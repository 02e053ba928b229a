package dev.quern.examples.terasort;

import dev.quern.api.Context;
import dev.quern.api.Input;
import dev.quern.api.Job;
import dev.quern.api.Mapper;
import dev.quern.api.OutputFormat;
import dev.quern.api.Tool;
import dev.quern.api.Workflow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code teragen [--maps M] [--seed S] N OUT}: writes N TeraSort records ({@link TeraRecords}), the
 * same bytes as {@code bench/gen.sh TeraGen --rows N --seed S} (seed 42 by default).
 *
 * <p>A map-only job over a RANGE input: map {@code j} makes rows {@code [start_j, start_j + n_j)} in
 * order into {@code OUT/part-m-0000j}, RAW, so the part files concatenated in order are the bench
 * generator's file. N takes k, m, g suffixes (powers of 1000); by default there is one map per
 * 64 MiB of output.
 */
public final class TeraGen implements Tool {

    public static final String USAGE = "usage: teragen [--maps M] [--seed S] ROWS OUT";
    /** The configuration key the mapper reads its seed from. */
    public static final String SEED = "terasort.seed";
    private static final long BYTES_PER_MAP = 64L << 20;

    @Override
    public Workflow plan(List<String> args, int reducers) {
        return Workflow.of(job(args, reducers));
    }

    /** The job of {@code teragen ARGS}; the reducer hint is ignored (a map-only job). */
    public static Job job(List<String> args, int reducers) {
        ToolArgs a = ToolArgs.parse(args, Set.of("--maps", "--seed"), 2, USAGE);
        long rows = ToolArgs.parseCount("ROWS", a.positional().get(0), 0, USAGE);
        // In doubles: rows * 100 may not fit in a long, and a rounded count of maps is fine.
        long defaultMaps = (long) Math.max(1, Math.min(Integer.MAX_VALUE, Math.ceil((double) rows * TeraRecords.RECORD_BYTES / BYTES_PER_MAP)));
        long maps = a.count("--maps", defaultMaps, 1, USAGE);
        if (maps > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--maps is too large: " + maps + "; " + USAGE);
        }
        long seed;
        try {
            seed = Long.parseLong(a.options().getOrDefault("--seed", Long.toString(TeraRecords.DEFAULT_SEED)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed must be an integer, got '" + a.options().get("--seed") + "'; " + USAGE);
        }
        return Job.builder("teragen")
                .input(Input.range(rows, (int) maps))
                .mapper(GenMapper.class)
                .mapOutput(byte[].class, byte[].class)
                .reducers(0)
                .outputFormat(OutputFormat.RAW)
                .set(SEED, Long.toString(seed))
                .output(Path.of(a.positional().get(1)))
                .build();
    }

    /** (row number, row count) to (10-byte key, 90-byte value): one TeraSort record. */
    public static final class GenMapper extends Mapper<Long, Long, byte[], byte[]> {
        private final byte[] record = new byte[TeraRecords.RECORD_BYTES];
        private final byte[] key = new byte[TeraRecords.KEY_BYTES];
        private final byte[] value = new byte[TeraRecords.RECORD_BYTES - TeraRecords.KEY_BYTES];
        private long seed;

        @Override
        public void setup(Context<byte[], byte[]> context) {
            seed = Long.parseLong(context.get(SEED, Long.toString(TeraRecords.DEFAULT_SEED)));
        }

        @Override
        public void map(Long row, Long rows, Context<byte[], byte[]> context) throws IOException {
            TeraRecords.row(seed, row, record);
            System.arraycopy(record, 0, key, 0, key.length);
            System.arraycopy(record, key.length, value, 0, value.length);
            context.write(key, value); // serialized before write returns: the arrays are reused
        }
    }
}
