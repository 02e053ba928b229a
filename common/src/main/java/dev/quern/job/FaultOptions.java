package dev.quern.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Job options of the leader's task-fault handling: progress timeouts and speculative execution.
 * Like {@link EngineOptions}, each has a default and a check; a bad value is refused at submit.
 */
public final class FaultOptions {

    /**
     * Milliseconds an attempt may go without a progress change before the leader kills it and counts
     * a failure (a hung attempt on a live executor). Default 600 000 (10 minutes).
     */
    public static final String TASK_TIMEOUT = "quern.task.timeout";
    public static final long DEFAULT_TASK_TIMEOUT_MS = 600_000;

    /**
     * Whether a straggler gets a backup attempt (true by default). Set it false for a job whose tasks
     * have side effects outside their output: a backup runs the task's code a second time.
     */
    public static final String SPECULATION = "quern.speculation";

    /** A running task is a straggler when it has run this many times the phase's median (default 2.0, >= 1). */
    public static final String SPECULATION_SLOWNESS = "quern.speculation.slowness";
    public static final double DEFAULT_SPECULATION_SLOWNESS = 2.0;

    /** ... and at least this many milliseconds (default 5000): short tasks are never worth a backup. */
    public static final String SPECULATION_MIN_MS = "quern.speculation.min-ms";
    public static final long DEFAULT_SPECULATION_MIN_MS = 5000;

    private FaultOptions() {}

    public static long taskTimeoutMillis(Map<String, String> conf) {
        return EngineOptions.longAtLeast(conf, TASK_TIMEOUT, DEFAULT_TASK_TIMEOUT_MS, 1);
    }

    public static boolean speculation(Map<String, String> conf) {
        String raw = conf.getOrDefault(SPECULATION, "true").trim();
        if (!raw.equals("true") && !raw.equals("false")) {
            throw new IllegalArgumentException("option " + SPECULATION + " must be true or false, got '" + raw + "'");
        }
        return raw.equals("true");
    }

    public static double speculationSlowness(Map<String, String> conf) {
        String raw = conf.get(SPECULATION_SLOWNESS);
        if (raw == null) {
            return DEFAULT_SPECULATION_SLOWNESS;
        }
        double value;
        try {
            value = Double.parseDouble(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + SPECULATION_SLOWNESS + " must be a number >= 1, got '" + raw + "'");
        }
        if (!(value >= 1) || Double.isInfinite(value)) { // also refuses NaN
            throw new IllegalArgumentException("option " + SPECULATION_SLOWNESS + " must be a number >= 1, got '" + raw + "'");
        }
        return value;
    }

    public static long speculationMinMillis(Map<String, String> conf) {
        return EngineOptions.longAtLeast(conf, SPECULATION_MIN_MS, DEFAULT_SPECULATION_MIN_MS, 0);
    }

    /** Every problem with these options in {@code conf}, each naming the key and the value. */
    public static List<String> problems(Map<String, String> conf) {
        List<String> problems = new ArrayList<>();
        for (Runnable check : List.<Runnable>of(() -> taskTimeoutMillis(conf), () -> speculation(conf),
                () -> speculationSlowness(conf), () -> speculationMinMillis(conf))) {
            try {
                check.run();
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        return problems;
    }
}
