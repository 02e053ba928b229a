package dev.quern.coordinator.job;

import dev.quern.proto.Error;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every failed attempt of one job (task, attempt, executor, error), where each task may run again,
 * and the executors the job no longer uses: one on which {@link #TASKS_TO_EXCLUDE} different tasks failed is probably broken (a
 * full disk, a bad library), so the job's next attempts go elsewhere, unless no other executor is
 * left. Exclusion is per job: another job may still do well there.
 */
final class AttemptFailures {

    static final int TASKS_TO_EXCLUDE = 3;

    record Failure(String taskId, String attemptId, String executorId, Error error) {}

    private final List<Failure> failures = new ArrayList<>();
    private final Map<String, Set<String>> failedTasksByExecutor = new HashMap<>();

    /** Records a failure; true when it makes its executor excluded (the first time only). */
    boolean record(Failure f) {
        failures.add(f);
        Set<String> tasks = failedTasksByExecutor.computeIfAbsent(f.executorId(), e -> new HashSet<>());
        return tasks.add(f.taskId()) && tasks.size() == TASKS_TO_EXCLUDE;
    }

    boolean excluded(String executorId) {
        return failedTasksByExecutor.getOrDefault(executorId, Set.of()).size() >= TASKS_TO_EXCLUDE;
    }

    boolean failedOn(String taskId, String executorId) {
        return failedTasksByExecutor.getOrDefault(executorId, Set.of()).contains(taskId);
    }

    /**
     * Whether an attempt of {@code taskId} may go to {@code executorId}, given every executor known
     * ({@code members}): not to one the job has excluded, nor to one where this task failed before
     * (a hung or broken machine fails the same task again; Hadoop avoids it the same way), while
     * some member is neither, even a busy one: the task waits for it. With no such member, any
     * member the job has not excluded; with none of those, any.
     */
    boolean usable(String taskId, String executorId, List<String> members) {
        if (members.stream().anyMatch(m -> !excluded(m) && !failedOn(taskId, m))) {
            return !excluded(executorId) && !failedOn(taskId, executorId);
        }
        return !excluded(executorId) || members.stream().allMatch(this::excluded);
    }

    List<Failure> all() {
        return List.copyOf(failures);
    }
}
