package dev.quern.executor.map;

import dev.quern.api.Reducer;
import dev.quern.executor.combine.CombinerFailedException;
import dev.quern.executor.merge.KeyGroups;
import dev.quern.executor.merge.RecordStream;
import dev.quern.executor.merge.ReduceDriver;
import dev.quern.executor.sort.BufferOutput;
import dev.quern.executor.spill.SegmentWriter;
import dev.quern.executor.task.TaskContext;
import dev.quern.executor.task.TaskCounters;
import dev.quern.executor.task.UserCodeException;
import dev.quern.job.EngineCounters;
import java.io.IOException;
import java.util.Optional;

/**
 * Copies a sorted stream into a writer's current segment, through the job's combiner when it has
 * one (a new combiner instance for each stream). One per thread: it counts into its own counters.
 */
final class CombineRunner {

    private final MapOutputSettings s;
    private final TaskContext context;
    private final TaskCounters counters;
    private final BufferOutput scratch = new BufferOutput(256);

    CombineRunner(MapOutputSettings settings, TaskContext context, TaskCounters counters) {
        this.s = settings;
        this.context = context.withCounters(counters);
        this.counters = counters;
    }

    TaskCounters counters() {
        return counters;
    }

    void write(RecordStream in, SegmentWriter writer) throws IOException {
        Optional<Reducer<Object, Object, Object, Object>> combiner = s.combiner().get();
        if (combiner.isEmpty()) {
            while (in.next()) {
                writer.append(in.keyBuffer(), in.keyOffset(), in.keyLength(), in.valueBuffer(), in.valueOffset(), in.valueLength());
            }
            return;
        }
        var combineOutput = counters.engine(EngineCounters.COMBINE_OUTPUT_RECORDS);
        TaskContext sink = context.withSink((key, value) -> {
            scratch.reset();
            s.keyCodec().write(key, scratch);
            int keyEnd = scratch.size();
            s.valueCodec().write(value, scratch);
            writer.append(scratch.array(), 0, keyEnd, scratch.array(), keyEnd, scratch.size() - keyEnd);
            combineOutput.increment(1);
        });
        try {
            ReduceDriver.run(combiner.get(), new KeyGroups(in, s.comparator()), s.keyCodec(), s.valueCodec(), sink,
                    new TaskCounters().engine("groups"), counters.engine(EngineCounters.COMBINE_INPUT_RECORDS));
        } catch (UserCodeException e) {
            throw new CombinerFailedException(e);
        }
    }
}
