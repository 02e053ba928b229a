package dev.quern.executor.map;

import dev.quern.api.Counter;
import dev.quern.api.Mapper;
import dev.quern.executor.combine.CombinerFailedException;
import dev.quern.executor.spill.MapOutput;
import dev.quern.executor.task.MemoryShare;
import dev.quern.executor.task.ProgressListener;
import dev.quern.executor.task.TaskContext;
import dev.quern.executor.task.TaskCounters;
import dev.quern.executor.task.TaskEnvironment;
import dev.quern.executor.task.UserCodeException;
import dev.quern.job.EngineCounters;
import dev.quern.job.EngineOptions;
import dev.quern.job.JobClasses;
import dev.quern.job.TaskIds;
import dev.quern.proto.JobSpec;
import dev.quern.proto.MapOutputLocation;
import dev.quern.proto.Split;
import dev.quern.proto.TaskAssignment;
import dev.quern.proto.TaskResult;
import java.nio.file.Path;

/**
 * One map attempt: read the split's lines, call the Mapper, and leave one sorted, partitioned output
 * file with its index, registered for the shuffle server to serve.
 */
public final class MapTask {

    private static final long PROGRESS_EVERY_BYTES = 4L << 20;

    private MapTask() {}

    public static TaskResult run(TaskAssignment a, TaskEnvironment env, ProgressListener progress) throws Exception {
        JobSpec spec = a.getJob();
        Split split = a.getMap().getSplit();
        JobClasses classes = new JobClasses(spec, env.loader());
        TaskCounters counters = new TaskCounters();
        Path dir = env.attemptDir(a.getJobId(), a.getAttemptId());
        MapOutputSettings settings = new MapOutputSettings(dir, spec.getNumReducers(), classes.partitioner(),
                classes.mapKeyCodec(), classes.mapValueCodec(), classes.sortComparator(), classes::newCombiner,
                Math.min(EngineOptions.sortBuffer(spec.getConfigurationMap()), MemoryShare.sortBufferCap()),
                EngineOptions.eagerCombine(spec.getConfigurationMap()));
        Mapper<Object, Object, Object, Object> mapper = classes.newMapper(split.getInputIndex());

        // The combiner writes elsewhere than the mapper, so the collector gets a context of its own.
        TaskContext base = new TaskContext((k, v) -> {
            throw new IllegalStateException("records are written through the mapper's context");
        }, counters, spec.getConfigurationMap(), TaskIds.taskOf(a.getAttemptId()), a.getAttemptId());
        MapOutput output;
        try (MapOutputCollector collector = new MapOutputCollector(settings, base, counters);
                LineReader lines = LineReader.open(split)) {
            TaskContext context = base.withSink(collector::collect);
            String role = mapper.getClass().getName();
            try {
                mapper.setup(context);
            } catch (Exception e) {
                throw userCode(role + ".setup", e);
            }
            long nextReport = PROGRESS_EVERY_BYTES;
            Counter inputRecords = counters.engine(EngineCounters.MAP_INPUT_RECORDS);
            while (lines.next()) {
                try {
                    mapper.map(lines.offset(), lines.line(), context);
                } catch (Exception e) {
                    throw userCode(role + ".map of the line at " + split.getPath() + ":" + lines.offset(), e);
                }
                inputRecords.increment(1);
                if (lines.bytesRead() >= nextReport) {
                    nextReport += PROGRESS_EVERY_BYTES;
                    progress.progress(split.getLength() == 0 ? 1f : (float) lines.bytesRead() / split.getLength());
                    if (Thread.interrupted()) {
                        throw new InterruptedException("map attempt " + a.getAttemptId() + " was killed");
                    }
                }
            }
            try {
                mapper.cleanup(context);
            } catch (Exception e) {
                throw userCode(role + ".cleanup", e);
            }
            counters.engine(EngineCounters.MAP_INPUT_BYTES).increment(lines.bytesRead());
            output = collector.finish();
        }
        env.registry().register(a.getJobId(), a.getAttemptId(), output);
        MapOutputLocation.Builder location = MapOutputLocation.newBuilder().setAttemptId(a.getAttemptId());
        output.index().entries().forEach(e -> location.addPartitionLengths(e.length()));
        return TaskResult.newBuilder().addAllCounters(counters.toProto()).setMapOutput(location).build();
    }

    /** A combiner failure surfaces through the mapper's write: report the combiner, not the mapper. */
    private static UserCodeException userCode(String what, Exception e) {
        if (e instanceof CombinerFailedException c && c.getCause() instanceof UserCodeException u) {
            return u;
        }
        return new UserCodeException(what, e);
    }
}
