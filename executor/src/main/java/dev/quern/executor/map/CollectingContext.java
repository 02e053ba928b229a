package dev.quern.executor.map;

import dev.quern.api.Context;
import dev.quern.api.Counter;
import dev.quern.executor.task.TaskContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The mapper's context in a map with reducers: {@code write} goes straight to the collector. A
 * {@link TaskContext} would reach it through its sink interface, a call site shared with the
 * combiner's sinks and so not inlined; the mapper calls {@code write} once per record.
 */
final class CollectingContext implements Context<Object, Object> {

    private final MapOutputCollector collector;
    private final TaskContext task;

    CollectingContext(MapOutputCollector collector, TaskContext task) {
        this.collector = collector;
        this.task = task;
    }

    @Override
    public void write(Object key, Object value) throws IOException {
        if (key == null || value == null) {
            throw new NullPointerException("task " + task.attemptId() + " wrote a null " + (key == null ? "key" : "value"));
        }
        collector.collect(key, value);
    }

    @Override public Counter counter(String group, String name) { return task.counter(group, name); }
    @Override public Map<String, String> configuration() { return task.configuration(); }
    @Override public String taskId() { return task.taskId(); }
    @Override public String attemptId() { return task.attemptId(); }
    @Override public Optional<Path> inputFile() { return task.inputFile(); }
}
