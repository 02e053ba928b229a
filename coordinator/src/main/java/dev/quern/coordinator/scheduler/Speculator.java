package dev.quern.coordinator.scheduler;

import java.util.ArrayList;
import java.util.List;

/**
 * Picks stragglers for a backup attempt (speculative execution). A pure function of one phase (a
 * job's maps, or its reduces) and the time: once at least {@link #DONE_FRACTION} of the phase's tasks
 * are done, a task whose only attempt has run longer than {@code slowness} times the median duration
 * of the finished ones, and at least {@code minMillis}, gets one backup. Never earlier: a healthy job
 * runs each task once, and a task gets at most one backup in its life.
 */
public final class Speculator {

    /** The fraction of a phase's tasks that must be done before any of them is backed up. */
    public static final double DONE_FRACTION = 0.75;

    public record Settings(double slowness, long minMillis) {}

    /** A running task: when its attempt started, how many attempts are live, whether it was backed up before. */
    public record Running(String taskId, long startedMillis, int liveAttempts, boolean backedUp) {}

    /** One phase of one job: its size, the durations of its finished tasks, and its running tasks. */
    public record Phase(int total, List<Long> finishedMillis, List<Running> running) {}

    private Speculator() {}

    /** The tasks of {@code phase} that should get a backup attempt now. */
    public static List<String> backups(Phase phase, Settings settings, long nowMillis) {
        int done = phase.finishedMillis().size();
        if (done == 0 || done < DONE_FRACTION * phase.total()) {
            return List.of();
        }
        long threshold = Math.max(settings.minMillis(), (long) Math.ceil(settings.slowness() * median(phase.finishedMillis())));
        List<String> backups = new ArrayList<>();
        for (Running r : phase.running()) {
            if (r.liveAttempts() == 1 && !r.backedUp() && nowMillis - r.startedMillis() > threshold) {
                backups.add(r.taskId());
            }
        }
        return backups;
    }

    static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }
}
