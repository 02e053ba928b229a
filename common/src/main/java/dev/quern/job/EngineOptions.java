package dev.quern.job;

import java.util.Map;

/**
 * The engine's own job options: configuration keys under {@code quern.}, each with its default and
 * its check. A bad value is refused at submit with the key and the value named.
 */
public final class EngineOptions {

    /** Target size of a map input split in bytes; splits end at record starts (lines, fixed-length records). */
    public static final String SPLIT_SIZE = "quern.split.size";
    public static final long DEFAULT_SPLIT_SIZE = 64L << 20;

    /** Attempts of one task before the job fails. */
    public static final String MAX_ATTEMPTS = "quern.task.max-attempts";
    public static final int DEFAULT_MAX_ATTEMPTS = 4;

    /** Bytes of serialized map output held before a sorted spill to disk. */
    public static final String SORT_BUFFER = "quern.map.sort-buffer";
    public static final long DEFAULT_SORT_BUFFER = 64L << 20;

    /**
     * Whether a map runs the combiner on its records as they come, in a hash table, before sorting
     * what is left (true by default; see the executor's EagerCombiner). Off: the combiner runs on
     * sorted spills only, as in Hadoop.
     */
    public static final String EAGER_COMBINE = "quern.map.eager-combine";

    private EngineOptions() {}

    public static boolean eagerCombine(Map<String, String> conf) {
        String raw = conf.getOrDefault(EAGER_COMBINE, "true").trim();
        if (!raw.equals("true") && !raw.equals("false")) {
            throw new IllegalArgumentException("option " + EAGER_COMBINE + " must be true or false, got '" + raw + "'");
        }
        return raw.equals("true");
    }

    public static long splitSize(Map<String, String> conf) {
        return positiveLong(conf, SPLIT_SIZE, DEFAULT_SPLIT_SIZE, 1);
    }

    public static int maxAttempts(Map<String, String> conf) {
        return (int) positiveLong(conf, MAX_ATTEMPTS, DEFAULT_MAX_ATTEMPTS, 1);
    }

    public static long sortBuffer(Map<String, String> conf) {
        return positiveLong(conf, SORT_BUFFER, DEFAULT_SORT_BUFFER, 4096);
    }

    private static long positiveLong(Map<String, String> conf, String key, long defaultValue, long min) {
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
