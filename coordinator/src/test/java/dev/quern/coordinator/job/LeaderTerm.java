package dev.quern.coordinator.job;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.quern.coordinator.journal.ZkJobJournal;
import dev.quern.job.TaskIds;
import dev.quern.proto.AttemptRef;
import dev.quern.proto.Error;
import dev.quern.proto.HelloAck;
import dev.quern.proto.MapOutputLocation;
import dev.quern.proto.ReduceTask;
import dev.quern.proto.TaskResult;
import dev.quern.proto.TaskUpdate;
import dev.quern.wire.Errors;
import dev.quern.zk.ZkPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.data.Stat;

/**
 * One leader's term in a failover test: a job manager journaling to a real ZooKeeper, fenced by the
 * epoch version its "election" (a bump of {@code /epoch}) produced, with a fake dispatcher.
 */
final class LeaderTerm {

    final FakeDispatcher dispatcher = new FakeDispatcher();
    final ZkJobJournal journal;
    final JobManager manager;
    final long epoch;
    int deposed;

    LeaderTerm(CuratorFramework zk, ZkPaths paths, long epoch) throws Exception {
        Stat stat = zk.setData().forPath(paths.epoch(), new byte[8]); // what winning an election does
        this.epoch = epoch;
        this.journal = new ZkJobJournal(zk, paths, new ZkJobJournal.Fence(stat.getVersion()));
        this.manager = new JobManager(dispatcher, journal, epoch, LeaderTerm.class.getClassLoader(), JobHarness.CLOCK, () -> deposed++);
    }

    /** The executor says hello holding these map outputs of {@code jobId} and running these attempts. */
    void hello(String executorId, String jobId, List<String> held, List<String> running) {
        HelloAck.Builder ack = HelloAck.newBuilder().setExecutor(JobHarness.executor(executorId, 2)).addAllRunningAttempts(running);
        held.forEach(a -> ack.addMapOutputs(AttemptRef.newBuilder().setJobId(jobId).setAttemptId(a)));
        running.forEach(a -> ack.addRunning(AttemptRef.newBuilder().setJobId(jobId).setAttemptId(a)));
        manager.executorReady(JobHarness.executor(executorId, 2), ack.build());
    }

    FakeDispatcher.Launch launch(String attemptId) {
        return dispatcher.launches.stream().filter(l -> l.attemptId().equals(attemptId)).findFirst()
                .orElseThrow(() -> new AssertionError(attemptId + " not launched; launched: " + dispatcher.launched()));
    }

    void succeedMap(String attemptId) {
        FakeDispatcher.Launch l = launch(attemptId);
        MapOutputLocation.Builder out = MapOutputLocation.newBuilder().setAttemptId(attemptId);
        for (int r = 0; r < l.assignment().getJob().getNumReducers(); r++) {
            out.addPartitionLengths(JobHarness.partitionLength(JobHarness.index(attemptId), r));
        }
        report(l, TaskResult.newBuilder().setMapOutput(out).build());
    }

    /** Writes the reduce attempt's part file (holding its attempt id) and reports it. */
    Path succeedReduce(String attemptId) throws IOException {
        FakeDispatcher.Launch l = launch(attemptId);
        ReduceTask r = l.assignment().getReduce();
        Path part = Path.of(r.getTempDir()).resolve(attemptId).resolve(TaskIds.partFile(r.getPartition()));
        Files.createDirectories(part.getParent());
        Files.writeString(part, attemptId + "\n", UTF_8);
        report(l, TaskResult.newBuilder().setPartFile(part.toString()).build());
        return part;
    }

    /** A map-only job's map: writes its part file (holding its attempt id) and reports it. */
    void succeedMapOnly(String attemptId) throws IOException {
        FakeDispatcher.Launch l = launch(attemptId);
        Path part = Path.of(l.assignment().getMap().getTempDir()).resolve(attemptId)
                .resolve(TaskIds.mapPartFile(JobHarness.index(attemptId)));
        Files.createDirectories(part.getParent());
        Files.writeString(part, attemptId + "\n", UTF_8);
        report(l, TaskResult.newBuilder().setPartFile(part.toString()).build());
    }

    /** The attempt fails with a retriable error. */
    void fail(String attemptId) {
        FakeDispatcher.Launch l = launch(attemptId);
        manager.taskUpdate(l.executorId(), TaskUpdate.newBuilder().setJobId(l.assignment().getJobId()).setAttemptId(attemptId)
                .setState(TaskUpdate.State.FAILED).setError(Errors.of(Error.Code.USER_CODE_FAILED, "boom in " + attemptId, true)).build());
    }

    private void report(FakeDispatcher.Launch l, TaskResult result) {
        manager.taskUpdate(l.executorId(), TaskUpdate.newBuilder().setJobId(l.assignment().getJobId()).setAttemptId(l.attemptId())
                .setState(TaskUpdate.State.SUCCEEDED).setProgress(1).setResult(result).build());
    }
}
