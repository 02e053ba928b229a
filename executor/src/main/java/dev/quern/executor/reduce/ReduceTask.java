package dev.quern.executor.reduce;

import dev.quern.api.Reducer;
import dev.quern.executor.merge.KeyGroups;
import dev.quern.executor.merge.MergingStream;
import dev.quern.executor.merge.ReduceDriver;
import dev.quern.executor.output.OutputWriter;
import dev.quern.executor.output.OutputWriters;
import dev.quern.executor.reduce.run.SortedRun;
import dev.quern.executor.task.MemoryShare;
import dev.quern.executor.task.ProgressListener;
import dev.quern.executor.task.TaskContext;
import dev.quern.executor.task.TaskCounters;
import dev.quern.executor.task.TaskEnvironment;
import dev.quern.io.FileTrees;
import dev.quern.job.EngineCounters;
import dev.quern.job.EngineOptions;
import dev.quern.job.JobClasses;
import dev.quern.job.TaskIds;
import dev.quern.proto.FetchFailed;
import dev.quern.proto.JobSpec;
import dev.quern.proto.TaskAssignment;
import dev.quern.proto.TaskResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One reduce attempt: copy this partition's segment from every map output (as the leader announces
 * them: the attempt may start before every map is done), merge the sorted runs, call the Reducer once
 * per key, and leave the part file in the job's temporary output directory for the coordinator to
 * commit.
 */
public final class ReduceTask {

    /** At most this many runs on disk are open (each through a 64 KiB buffer) in one merge. */
    static final int MERGE_FAN_IN = 64;

    private ReduceTask() {}

    public static TaskResult run(TaskAssignment a, TaskEnvironment env, MapOutputFeed feed, ProgressListener progress,
            FetchFailureReporter reports) throws Exception {
        JobSpec spec = a.getJob();
        dev.quern.proto.ReduceTask r = a.getReduce();
        int partition = r.getPartition();
        JobClasses classes = new JobClasses(spec, env.loader());
        TaskCounters counters = new TaskCounters();
        Path dir = env.attemptDir(a.getJobId(), a.getAttemptId());
        Path attemptOutput = null;
        // The job's budget, but never more than this JVM's share (executors of a local cluster share a heap).
        long memory = Math.min(EngineOptions.shuffleMemory(spec.getConfigurationMap()), MemoryShare.shuffleMemoryCap());
        InMemoryMerger inMemoryMerger = new InMemoryMerger(classes.sortComparator(), feed);
        ShuffleRuns runs = new ShuffleRuns(new ShuffleMemory(memory), inMemoryMerger, dir, counters);
        ShuffleCopier.Settings settings = new ShuffleCopier.Settings(a.getJobId(), partition, r.getTotalMaps(),
                EngineOptions.parallelCopies(spec.getConfigurationMap()), dir);
        // The copy is the first 45 % of the attempt's progress, the merge passes on disk (if any) the
        // next 5 %, the reduce the second half.
        CopyListener copyListener = new CopyListener() {
            @Override public void copied(int held, int totalMaps) { progress.progress(0.45f * held / totalMaps); }
            @Override public void fetchFailed(int mapIndex, String mapAttemptId, FetchFailed.Reason reason, String message) {
                reports.report(FetchFailed.newBuilder().setJobId(a.getJobId()).setReduceAttemptId(a.getAttemptId())
                        .setMapIndex(mapIndex).setMapAttemptId(mapAttemptId).setReason(reason).setMessage(message).build());
            }
        };
        try (ShuffleCopier copier = new ShuffleCopier(settings, env.fetcher(), feed, runs, inMemoryMerger, copyListener)) {
            copier.copyAll(r.getMapOutputsList());
            progress.progress(0.45f);

            // Only the attempt's own directory: if the job's is gone, the job has ended.
            Path tempDir = Files.createDirectory(Path.of(r.getTempDir()).resolve(a.getAttemptId()));
            attemptOutput = tempDir;
            Path part = tempDir.resolve(TaskIds.partFile(partition));
            Reducer<Object, Object, Object, Object> reducer = classes.newReducer();
            RunMerger merger = new RunMerger(classes.sortComparator(), MERGE_FAN_IN, dir);
            List<SortedRun> onDisk = runs.onDisk();
            List<SortedRun> last = new ArrayList<>(runs.inMemory());
            last.addAll(merger.reduceTo(onDisk, fraction -> progress.progress(0.45f + 0.05f * fraction)));
            counters.engine(EngineCounters.MERGE_PASSES).increment(merger.passes() + 1);
            counters.engine(EngineCounters.LOCAL_BYTES_WRITTEN).increment(merger.bytesWritten());
            // Every run on disk and every intermediate run is read exactly once.
            counters.engine(EngineCounters.LOCAL_BYTES_READ).increment(merger.bytesWritten()
                    + onDisk.stream().mapToLong(SortedRun::length).sum());
            long records = last.stream().mapToLong(SortedRun::records).sum();
            try (MergingStream merged = merger.open(last);
                    OutputWriter writer = OutputWriters.create(spec.getOutputFormat(), part, classes.outputKeyCodec(), classes.outputValueCodec())) {
                TaskContext context = new TaskContext(writer::write, counters, spec.getConfigurationMap(),
                        TaskIds.taskOf(a.getAttemptId()), a.getAttemptId());
                KeyGroups groups = new KeyGroups(merged, classes.groupingComparator());
                ReduceDriver.run(reducer, groups, () -> progress.progress(0.5f + 0.5f * groups.records() / Math.max(1, records)),
                        classes.mapKeyCodec(), classes.mapValueCodec(), context,
                        counters.engine(EngineCounters.REDUCE_INPUT_GROUPS),
                        counters.engine(EngineCounters.REDUCE_INPUT_RECORDS));
                counters.engine(EngineCounters.REDUCE_OUTPUT_RECORDS).increment(writer.records());
                counters.engine(EngineCounters.OUTPUT_BYTES).increment(writer.bytes());
            }
            TaskResult result = TaskResult.newBuilder().addAllCounters(counters.toProto()).setPartFile(part.toString()).build();
            attemptOutput = null; // committed by the coordinator from here on
            return result;
        } finally {
            FileTrees.delete(dir);
            if (attemptOutput != null) {
                FileTrees.delete(attemptOutput); // a failed or killed attempt leaves no temporary output
            }
        }
    }
}
