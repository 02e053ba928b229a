package dev.quern.coordinator.scheduler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Places runnable tasks on free executor slots. A pure function of its inputs, so it is tested
 * without a cluster: tasks are taken in the order given (the job manager lists them oldest job
 * first, maps before reduces), and each goes to the executor with the most free slots, ties broken
 * by executor id, which spreads a job's tasks over the cluster.
 */
public final class Scheduler {

    /** An executor that can take {@code free} more attempts now. */
    public record FreeSlots(String executorId, int free) {}

    /** A task that is waiting for a slot. */
    public record Waiting(String jobId, String taskId) {}

    /** Run {@code taskId} of {@code jobId} on {@code executorId}. */
    public record Placement(String jobId, String taskId, String executorId) {}

    private Scheduler() {}

    public static List<Placement> decide(List<FreeSlots> executors, List<Waiting> waiting) {
        PriorityQueue<int[]> byFree = new PriorityQueue<>(Comparator
                .<int[]>comparingInt(e -> -e[1])
                .thenComparing(e -> executors.get(e[0]).executorId()));
        for (int i = 0; i < executors.size(); i++) {
            if (executors.get(i).free() > 0) {
                byFree.add(new int[] {i, executors.get(i).free()});
            }
        }
        List<Placement> placements = new ArrayList<>();
        for (Waiting task : waiting) {
            int[] best = byFree.poll();
            if (best == null) {
                break;
            }
            placements.add(new Placement(task.jobId(), task.taskId(), executors.get(best[0]).executorId()));
            if (--best[1] > 0) {
                byFree.add(best);
            }
        }
        return placements;
    }
}
