package dev.quern.job;

/**
 * Names of tasks, attempts and their files. Map task i is {@code m-0000i}, reduce partition r is
 * {@code r-0000r}; attempt n (from 1) that the leader of epoch E launched is {@code <task>.e<E>.<n>}
 * ({@code m-00003.e2.1}), so attempt ids stay unique across leaders without persisted counters (a
 * job manager outside an election, epoch 0, names them {@code <task>.<n>}); reducer r writes
 * {@code part-r-0000r}, and in a map-only job map i writes {@code part-m-0000i}.
 */
public final class TaskIds {

    private TaskIds() {}

    public static String mapTask(int index) {
        return String.format("m-%05d", index);
    }

    public static String reduceTask(int partition) {
        return String.format("r-%05d", partition);
    }

    /** Attempt {@code attemptNumber} of the task launched by the leader of {@code epoch} (0: no election). */
    public static String attempt(String taskId, long epoch, int attemptNumber) {
        return epoch > 0 ? taskId + ".e" + epoch + "." + attemptNumber : taskId + "." + attemptNumber;
    }

    /** The task of an attempt: the text before the first '.'. */
    public static String taskOf(String attemptId) {
        int dot = attemptId.indexOf('.');
        if (dot <= 0 || dot == attemptId.length() - 1) {
            throw new IllegalArgumentException("attempt id has no attempt number: '" + attemptId + "'");
        }
        return attemptId.substring(0, dot);
    }

    /** True if {@code attemptId} names an attempt ({@link #taskOf} accepts it). */
    public static boolean isAttempt(String attemptId) {
        int dot = attemptId.indexOf('.');
        return dot > 0 && dot < attemptId.length() - 1;
    }

    /** The index of a task: 3 for {@code m-00003} or {@code r-00003}. */
    public static int index(String taskId) {
        int dash = taskId.indexOf('-');
        try {
            return Integer.parseInt(taskId.substring(dash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("task id has no index: '" + taskId + "'", e);
        }
    }

    public static String partFile(int partition) {
        return String.format("part-r-%05d", partition);
    }

    /** The part file of map {@code index} of a map-only job. */
    public static String mapPartFile(int index) {
        return String.format("part-m-%05d", index);
    }
}
