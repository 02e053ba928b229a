package dev.quern.job;

/**
 * Names of tasks, attempts and their files. Map task i is {@code m-0000i}, reduce partition r is
 * {@code r-0000r}; attempt n (from 1) of a task is {@code <task>.<n>}; reducer r writes
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

    public static String attempt(String taskId, int attemptNumber) {
        return taskId + "." + attemptNumber;
    }

    public static String taskOf(String attemptId) {
        int dot = attemptId.lastIndexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException("attempt id has no attempt number: '" + attemptId + "'");
        }
        return attemptId.substring(0, dot);
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
