package dev.quern.executor.task;

import dev.quern.api.Context;
import dev.quern.api.Counter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The {@link Context} handed to user code: writes go to a sink chosen by the task. */
public final class TaskContext implements Context<Object, Object> {

    /** Where written records go: the sort buffer, a spill segment, or the part file. */
    @FunctionalInterface
    public interface Sink {
        void write(Object key, Object value) throws IOException;
    }

    private static final Supplier<Optional<Path>> NO_FILE = Optional::empty;

    private final Sink sink;
    private final TaskCounters counters;
    private final Map<String, String> configuration;
    private final String taskId;
    private final String attemptId;
    private final Supplier<Optional<Path>> inputFile;

    public TaskContext(Sink sink, TaskCounters counters, Map<String, String> configuration, String taskId, String attemptId) {
        this(sink, counters, Map.copyOf(configuration), taskId, attemptId, NO_FILE);
    }

    private TaskContext(Sink sink, TaskCounters counters, Map<String, String> configuration, String taskId, String attemptId,
            Supplier<Optional<Path>> inputFile) {
        this.sink = sink;
        this.counters = counters;
        this.configuration = configuration;
        this.taskId = taskId;
        this.attemptId = attemptId;
        this.inputFile = inputFile;
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
    @Override public Optional<Path> inputFile() { return inputFile.get(); }

    /** The same task, counting into other counters (a spill thread's). */
    public TaskContext withCounters(TaskCounters other) {
        return new TaskContext(sink, other, configuration, taskId, attemptId, inputFile);
    }

    /** The same task, writing somewhere else (a combiner's output). */
    public TaskContext withSink(Sink other) {
        return new TaskContext(other, counters, configuration, taskId, attemptId, inputFile);
    }

    /** The same task, answering {@link #inputFile()} from {@code file} (a mapper's context). */
    public TaskContext withInputFile(Supplier<Optional<Path>> file) {
        return new TaskContext(sink, counters, configuration, taskId, attemptId, file);
    }
}
