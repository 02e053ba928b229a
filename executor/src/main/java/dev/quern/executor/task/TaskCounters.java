package dev.quern.executor.task;

import dev.quern.api.Counter;
import dev.quern.job.EngineCounters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The counters of one attempt: written by the attempt's thread only, reported when it ends. */
public final class TaskCounters {

    private static final class LongCounter implements Counter {
        private long value;

        @Override public void increment(long delta) { value += delta; }
        @Override public long value() { return value; }
    }

    private final Map<String, Map<String, LongCounter>> groups = new LinkedHashMap<>();

    public Counter get(String group, String name) {
        return groups.computeIfAbsent(group, g -> new LinkedHashMap<>()).computeIfAbsent(name, n -> new LongCounter());
    }

    public Counter engine(String name) {
        return get(EngineCounters.GROUP, name);
    }

    /** Adds every counter of {@code other} to this one's. */
    public void addAll(TaskCounters other) {
        other.groups.forEach((group, names) -> names.forEach((name, c) -> get(group, name).increment(c.value())));
    }

    public void clear() {
        groups.clear();
    }

    public List<dev.quern.proto.Counter> toProto() {
        List<dev.quern.proto.Counter> out = new ArrayList<>();
        groups.forEach((group, names) -> names.forEach((name, c) -> out.add(dev.quern.proto.Counter.newBuilder()
                .setGroup(group).setName(name).setValue(c.value()).build())));
        return out;
    }
}
