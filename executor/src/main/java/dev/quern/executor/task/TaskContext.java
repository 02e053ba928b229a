package dev.quern.executor.task;

import dev.quern.api.Context;
import dev.quern.api.Counter;
import java.io.IOException;
import java.util.Map;

/** The {@link Context} handed to user code: writes go to a sink chosen by the task. */
public final class TaskContext implements Context<Object, Object> {

    /** Where written records go: the sort buffer, a spill segment, or the part file. */
    @FunctionalInterface
    public interface Sink {
        void write(Object key, Object value) throws IOException;
    }

    private final Sink sink;
    private final TaskCounters counters;
    private final Map<String, String> configuration;
    private final String taskId;
    private final String attemptId;

    public TaskContext(Sink sink, TaskCounters counters, Map<String, String> configuration, String taskId, String attemptId) {
        this.sink = sink;
        this.counters = counters;
        this.configuration = Map.copyOf(configuration);
        this.taskId = taskId;
        this.attemptId = attemptId;
    }

    @Override
    public void write(Object key, Object value) throws IOException {
        if (key == null || value == null) {
            throw new NullPointerException("task " + attemptId + " wrote a null " + (key == null ? "key" : "value"));
        }
        sink.write(key, value);
    }

    @Override public Counter counter(String group, String name) { return counters.get(group, name); }
    @Override public Map<String, String> configuration() { return configuration; }
    @Override public String taskId() { return taskId; }
    @Override public String attemptId() { return attemptId; }

    /** The same task, counting into other counters (a spill thread's). */
    public TaskContext withCounters(TaskCounters other) {
        return new TaskContext(sink, other, configuration, taskId, attemptId);
    }

    /** The same task, writing somewhere else (a combiner's output). */
    public TaskContext withSink(Sink other) {
        return new TaskContext(other, counters, configuration, taskId, attemptId);
    }
}
