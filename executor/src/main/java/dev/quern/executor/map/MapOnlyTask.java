package dev.quern.executor.map;

import dev.quern.executor.map.input.RecordReader;
import dev.quern.executor.map.input.RecordReaders;
import dev.quern.executor.output.OutputWriter;
import dev.quern.executor.output.OutputWriters;
import dev.quern.executor.task.ProgressListener;
import dev.quern.executor.task.TaskContext;
import dev.quern.executor.task.TaskCounters;
import dev.quern.executor.task.TaskEnvironment;
import dev.quern.io.FileTrees;
import dev.quern.job.EngineCounters;
import dev.quern.job.JobClasses;
import dev.quern.job.MapperTypes;
import dev.quern.job.TaskIds;
import dev.quern.proto.JobSpec;
import dev.quern.proto.Split;
import dev.quern.proto.TaskAssignment;
import dev.quern.proto.TaskResult;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One map attempt of a map-only job (no reducers): the mapper writes straight into the job's output
 * format, in input order, with no sort, spill or shuffle. The part file {@code part-m-NNNNN} (NNNNN
 * the map's index) goes to {@code OUT/_temporary/JOB/ATTEMPT/}, and the coordinator commits it as it
 * commits a reduce's: the first attempt to succeed wins. The output types are the map output types.
 */
final class MapOnlyTask {

    private MapOnlyTask() {}

    static TaskResult run(TaskAssignment a, TaskEnvironment env, ProgressListener progress) throws Exception {
        JobSpec spec = a.getJob();
        Split split = a.getMap().getSplit();
        if (a.getMap().getTempDir().isEmpty()) {
            throw new IllegalArgumentException("map attempt " + a.getAttemptId() + " of a map-only job came without a temporary output directory");
        }
        JobClasses classes = new JobClasses(spec, env.loader());
        TaskCounters counters = new TaskCounters();
        var mapper = classes.newMapper(split.getInputIndex());
        // Only the attempt's own directory: if the job's is gone, the job has ended.
        Path attemptOutput = Files.createDirectory(Path.of(a.getMap().getTempDir()).resolve(a.getAttemptId()));
        try {
            Path part = attemptOutput.resolve(TaskIds.mapPartFile(TaskIds.index(TaskIds.taskOf(a.getAttemptId()))));
            try (RecordReader records = RecordReaders.open(spec.getInputs(split.getInputIndex()), split,
                        MapperTypes.inputValueType(mapper.getClass()));
                    OutputWriter writer = OutputWriters.create(spec.getOutputFormat(), part, classes.mapKeyCodec(), classes.mapValueCodec())) {
                TaskContext context = new TaskContext(writer::write, counters, spec.getConfigurationMap(),
                        TaskIds.taskOf(a.getAttemptId()), a.getAttemptId()).withInputFile(RecordReaders.inputFile(split, records));
                MapperRunner.run(mapper, records, context, counters, progress);
                counters.engine(EngineCounters.MAP_OUTPUT_RECORDS).increment(writer.records());
                counters.engine(EngineCounters.OUTPUT_BYTES).increment(writer.bytes());
            }
            TaskResult result = TaskResult.newBuilder().addAllCounters(counters.toProto()).setPartFile(part.toString()).build();
            attemptOutput = null; // committed by the coordinator from here on
            return result;
        } finally {
            if (attemptOutput != null) {
                FileTrees.delete(attemptOutput); // a failed or killed attempt leaves no temporary output
            }
        }
    }
}
