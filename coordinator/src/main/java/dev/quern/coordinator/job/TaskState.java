package dev.quern.coordinator.job;

import dev.quern.proto.Counter;
import dev.quern.proto.Error;
import dev.quern.proto.MapOutputLocation;
import dev.quern.proto.Split;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One task of a job and its attempts.
 *
 * <pre>
 *            launch                 first attempt succeeds
 *  PENDING ---------> RUNNING ---------------------------> SUCCEEDED
 *     ^                  |                                    |
 *     | attempt failed,  | attempt failed max times           | its map output was lost
 *     | attempts left    v                                    | (executor gone) and reducers
 *     +-------------- FAILED (the job fails)                  | still need it: back to PENDING
 * </pre>
 *
 * Attempts are numbered from 1; only live attempts (launched, not yet ended) are listened to, and
 * the first to succeed wins: a later success of the same task is discarded.
 */
final class TaskState {

    enum Phase { PENDING, RUNNING, SUCCEEDED, FAILED }

    /** A launched attempt that has not ended; {@code launchOrder} grows with every launch, so it tells the youngest. */
    record Attempt(String attemptId, String executorId, long startedMillis, long launchOrder) {}

    final String taskId;
    final boolean isMap;
    final int index;
    final Optional<Split> split;
    Phase phase = Phase.PENDING;
    int attemptsStarted;
    int failures;
    final Map<String, Attempt> live = new LinkedHashMap<>();
    Error firstError;
    // Speculation: whether a backup attempt was launched (at most one per task), and how long the winner ran.
    boolean backedUp;
    long durationMillis;
    // Set when SUCCEEDED:
    String winningExecutor;
    List<Counter> counters = List.of();
    MapOutputLocation mapOutput;
    String partFile;

    TaskState(String taskId, boolean isMap, int index, Optional<Split> split) {
        this.taskId = taskId;
        this.isMap = isMap;
        this.index = index;
        this.split = split;
    }

    /** A running task left with no live attempt (ended, lost, preempted) waits to be launched again. */
    void pendingIfIdle() {
        if (phase == Phase.RUNNING && live.isEmpty()) {
            phase = Phase.PENDING;
        }
    }
}
