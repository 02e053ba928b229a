package dev.quern.executor.map;

import dev.quern.api.Mapper;
import dev.quern.executor.map.input.RecordReader;
import dev.quern.executor.map.input.RecordReaders;
import dev.quern.executor.spill.MapOutput;
import dev.quern.executor.task.MemoryShare;
import dev.quern.executor.task.ProgressListener;
import dev.quern.executor.task.TaskContext;
import dev.quern.executor.task.TaskCounters;
import dev.quern.executor.task.TaskEnvironment;
import dev.quern.job.EngineOptions;
import dev.quern.job.JobClasses;
import dev.quern.job.MapperTypes;
import dev.quern.job.TaskIds;
import dev.quern.proto.JobSpec;
import dev.quern.proto.MapOutputLocation;
import dev.quern.proto.Split;
import dev.quern.proto.TaskAssignment;
import dev.quern.proto.TaskResult;
import java.nio.file.Path;

/**
 * One map attempt: read the split's records, call the Mapper, and leave one sorted, partitioned
 * output file with its index, registered for the shuffle server to serve. A map-only job's maps
 * write their part file instead ({@link MapOnlyTask}).
 */
public final class MapTask {

    /**
     * A map's progress: reading its input is the first two thirds (as in Hadoop), the merge of its
     * spills the last third, so that a long merge still moves the progress the leader times out on.
     */
    static final float READ_SHARE = 2f / 3;

    private MapTask() {}

    public static TaskResult run(TaskAssignment a, TaskEnvironment env, ProgressListener progress) throws Exception {
        JobSpec spec = a.getJob();
        if (spec.getNumReducers() == 0) {
            return MapOnlyTask.run(a, env, progress);
        }
        Split split = a.getMap().getSplit();
        JobClasses classes = new JobClasses(spec, env.loader());
        TaskCounters counters = new TaskCounters();
        Path dir = env.attemptDir(a.getJobId(), a.getAttemptId());
        MapOutputSettings settings = new MapOutputSettings(dir, spec.getNumReducers(), classes.partitioner(),
                classes.mapKeyCodec(), classes.mapValueCodec(), classes.sortComparator(), classes::newCombiner,
                Math.min(EngineOptions.sortBuffer(spec.getConfigurationMap()), MemoryShare.sortBufferCap()),
                EngineOptions.eagerCombine(spec.getConfigurationMap()), EngineOptions.spillPercent(spec.getConfigurationMap()));
        Mapper<Object, Object, Object, Object> mapper = classes.newMapper(split.getInputIndex());

        // The combiner writes elsewhere than the mapper, so the collector gets a context of its own.
        TaskContext base = new TaskContext((k, v) -> {
            throw new IllegalStateException("records are written through the mapper's context");
        }, counters, spec.getConfigurationMap(), TaskIds.taskOf(a.getAttemptId()), a.getAttemptId());
        MapOutput output;
        try (MapOutputCollector collector = new MapOutputCollector(settings, base, counters, env.mapMemory());
                RecordReader records = RecordReaders.open(spec.getInputs(split.getInputIndex()), split,
                        MapperTypes.inputValueType(mapper.getClass()))) {
            MapperRunner.run(mapper, records, new CollectingContext(collector, base.withInputFile(RecordReaders.inputFile(split, records))),
                    counters, fraction -> progress.progress(READ_SHARE * fraction));
            output = collector.finish(fraction -> progress.progress(READ_SHARE + (1 - READ_SHARE) * fraction));
        }
        env.registry().register(a.getJobId(), a.getAttemptId(), output);
        MapOutputLocation.Builder location = MapOutputLocation.newBuilder().setAttemptId(a.getAttemptId());
        output.index().entries().forEach(e -> location.addPartitionLengths(e.length()));
        return TaskResult.newBuilder().addAllCounters(counters.toProto()).setMapOutput(location).build();
    }
}
