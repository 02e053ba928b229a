package dev.quern.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The engine's own job options: configuration keys under {@code quern.}, each with its default and
 * its check. A bad value is refused at submit with the key and the value named.
 */
public final class EngineOptions {

    /** Target size of a map input split in bytes; splits end at record starts (lines, fixed-length records). */
    public static final String SPLIT_SIZE = "quern.split.size";
    public static final long DEFAULT_SPLIT_SIZE = 64L << 20;

    /**
     * Whether small files are packed, whole, into shared splits of up to {@link #SPLIT_SIZE} bytes, so
     * that many small files do not make one map task each (false by default, as in Hadoop, where it
     * takes CombineFileInputFormat). A file smaller than the split size is small.
     */
    public static final String SPLIT_COMBINE = "quern.split.combine";

    /** Attempts of one task before the job fails. */
    public static final String MAX_ATTEMPTS = "quern.task.max-attempts";
    public static final int DEFAULT_MAX_ATTEMPTS = 4;

    /** Bytes of serialized map output held before a sorted spill to disk. */
    public static final String SORT_BUFFER = "quern.map.sort-buffer";
    public static final long DEFAULT_SORT_BUFFER = 64L << 20;

    /**
     * How full a map's sort buffer is (in percent of its bytes, or of its record slots) when a spill
     * starts in the background; the mapper goes on writing into the rest. Above 0, at most 100.
     */
    public static final String SPILL_PERCENT = "quern.map.sort.spill-percent";
    public static final double DEFAULT_SPILL_PERCENT = 80;

    /**
     * Whether a map runs the combiner on its records as they come, in a hash table, before sorting
     * what is left (true by default; see the executor's EagerCombiner). Off: the combiner runs on
     * sorted spills only, as in Hadoop.
     */
    public static final String EAGER_COMBINE = "quern.map.eager-combine";

    /**
     * The fraction of a job's maps (0 to 1) that must be done before its reduces may launch; 1 waits
     * for every map. Default 0.8. A reduce launched early fetches the outputs of the finished maps
     * while the last ones run, so the shuffle overlaps the map phase's tail instead of following it;
     * but it holds a slot (and its shuffle memory) while it waits for the rest. The leader gives an
     * early reduce only a slot no map is waiting for, and takes it back (preempts the youngest) when
     * a map must rerun and no slot is free. At 0.8 most map outputs exist when a reduce starts, so it
     * has real work at once and waits only for the last fifth; lower values mostly add idle reduces
     * and preemptions. (Hadoop's default, 0.05, suits clusters where reduces start on slots of their
     * own.)
     */
    public static final String REDUCE_SLOWSTART = "quern.reduce.slowstart";
    public static final double DEFAULT_REDUCE_SLOWSTART = 0.8;

    /** How many map output segments one reduce attempt fetches at once (1 to 1024; one connection each). */
    public static final String PARALLEL_COPIES = "quern.reduce.parallel-copies";
    public static final int DEFAULT_PARALLEL_COPIES = 4;

    /**
     * Bytes of fetched segments a reduce attempt may hold in memory (0: every segment goes to disk).
     * The executor lowers it to its share of the JVM heap, as it does the sort buffer. A segment
     * larger than a quarter of it always goes to disk.
     */
    public static final String SHUFFLE_MEMORY = "quern.reduce.shuffle-memory";
    public static final long DEFAULT_SHUFFLE_MEMORY = 64L << 20;

    private EngineOptions() {}

    /** Every key the engine reads, its own and {@link FaultOptions}'s: another {@code quern.} key is a typo. */
    private static final Set<String> KEYS = Set.of(SPLIT_SIZE, SPLIT_COMBINE, MAX_ATTEMPTS, SORT_BUFFER, SPILL_PERCENT,
            EAGER_COMBINE, REDUCE_SLOWSTART, PARALLEL_COPIES, SHUFFLE_MEMORY, FaultOptions.TASK_TIMEOUT,
            FaultOptions.SPECULATION, FaultOptions.SPECULATION_SLOWNESS, FaultOptions.SPECULATION_MIN_MS);

    /**
     * What is wrong with the engine's options in {@code conf}, one message per bad value or unknown
     * {@code quern.} key, each naming the key and the value; empty when nothing is. Keys outside
     * {@code quern.} are the job's own, and those under {@code quern.lib.} belong to the library's
     * classes (the total-order partitioner's boundaries).
     */
    public static List<String> problems(Map<String, String> conf) {
        List<String> problems = new ArrayList<>();
        conf.keySet().stream().filter(k -> k.startsWith("quern.") && !k.startsWith("quern.lib.") && !KEYS.contains(k)).sorted()
                .forEach(k -> problems.add("unknown option " + k + "='" + conf.get(k) + "'; the engine's options are "
                        + String.join(", ", KEYS.stream().sorted().toList())));
        for (Runnable check : List.<Runnable>of(() -> splitSize(conf), () -> maxAttempts(conf), () -> sortBuffer(conf),
                () -> spillPercent(conf), () -> eagerCombine(conf), () -> combineSmallFiles(conf),
                () -> reduceSlowstart(conf), () -> parallelCopies(conf), () -> shuffleMemory(conf))) {
            try {
                check.run();
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        problems.addAll(FaultOptions.problems(conf));
        return problems;
    }

    public static double reduceSlowstart(Map<String, String> conf) {
        String raw = conf.get(REDUCE_SLOWSTART);
        if (raw == null) {
            return DEFAULT_REDUCE_SLOWSTART;
        }
        double value;
        try {
            value = Double.parseDouble(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + REDUCE_SLOWSTART + " must be a number from 0 to 1, got '" + raw + "'");
        }
        if (!(value >= 0 && value <= 1)) { // also refuses NaN
            throw new IllegalArgumentException("option " + REDUCE_SLOWSTART + " must be from 0 to 1, got '" + raw + "'");
        }
        return value;
    }

    public static int parallelCopies(Map<String, String> conf) {
        long value = longAtLeast(conf, PARALLEL_COPIES, DEFAULT_PARALLEL_COPIES, 1);
        if (value > 1024) {
            throw new IllegalArgumentException("option " + PARALLEL_COPIES + " must be <= 1024, got " + value);
        }
        return (int) value;
    }

    public static long shuffleMemory(Map<String, String> conf) {
        return longAtLeast(conf, SHUFFLE_MEMORY, DEFAULT_SHUFFLE_MEMORY, 0);
    }

    public static boolean eagerCombine(Map<String, String> conf) {
        return bool(conf, EAGER_COMBINE, true);
    }

    public static boolean combineSmallFiles(Map<String, String> conf) {
        return bool(conf, SPLIT_COMBINE, false);
    }

    private static boolean bool(Map<String, String> conf, String key, boolean defaultValue) {
        String raw = conf.getOrDefault(key, Boolean.toString(defaultValue)).trim();
        if (!raw.equals("true") && !raw.equals("false")) {
            throw new IllegalArgumentException("option " + key + " must be true or false, got '" + raw + "'");
        }
        return raw.equals("true");
    }

    public static long splitSize(Map<String, String> conf) {
        return longAtLeast(conf, SPLIT_SIZE, DEFAULT_SPLIT_SIZE, 1);
    }

    public static int maxAttempts(Map<String, String> conf) {
        return (int) longAtLeast(conf, MAX_ATTEMPTS, DEFAULT_MAX_ATTEMPTS, 1);
    }

    public static long sortBuffer(Map<String, String> conf) {
        return longAtLeast(conf, SORT_BUFFER, DEFAULT_SORT_BUFFER, 4096);
    }

    public static double spillPercent(Map<String, String> conf) {
        String raw = conf.get(SPILL_PERCENT);
        if (raw == null) {
            return DEFAULT_SPILL_PERCENT;
        }
        double value;
        try {
            value = Double.parseDouble(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + SPILL_PERCENT + " must be a number above 0 and at most 100, got '" + raw + "'");
        }
        if (!(value > 0 && value <= 100)) { // also refuses NaN
            throw new IllegalArgumentException("option " + SPILL_PERCENT + " must be above 0 and at most 100, got '" + raw + "'");
        }
        return value;
    }

    /** The option {@code key} as a long of at least {@code min}, else a message naming the key and the value. */
    static long longAtLeast(Map<String, String> conf, String key, long defaultValue, long min) {
        String raw = conf.get(key);
        if (raw == null) {
            return defaultValue;
        }
        long value;
        try {
            value = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + key + " must be an integer, got '" + raw + "'");
        }
        if (value < min) {
            throw new IllegalArgumentException("option " + key + " must be >= " + min + ", got " + value);
        }
        return value;
    }
}
