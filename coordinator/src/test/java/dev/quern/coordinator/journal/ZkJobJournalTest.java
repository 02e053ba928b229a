package dev.quern.coordinator.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quern.proto.AttemptFailure;
import dev.quern.proto.Error;
import dev.quern.proto.JobEnd;
import dev.quern.proto.JobRecord;
import dev.quern.proto.JobSpec;
import dev.quern.proto.JobStatus;
import dev.quern.proto.MapCommit;
import dev.quern.proto.MapOutputLocation;
import dev.quern.proto.ReduceCommit;
import dev.quern.zk.ZkPaths;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The journal on a real ZooKeeper: what one leader writes, the next one reads; a deposed leader writes nothing. */
class ZkJobJournalTest {

    private TestingServer server;
    private CuratorFramework zk;
    private final ZkPaths paths = new ZkPaths("/journal-test");

    @BeforeEach
    void start() throws Exception {
        server = new TestingServer(true);
        zk = CuratorFrameworkFactory.newClient(server.getConnectString(), new RetryOneTime(100));
        zk.start();
        zk.create().creatingParentsIfNeeded().forPath(paths.epoch(), new byte[8]);
    }

    @AfterEach
    void stop() throws Exception {
        zk.close();
        server.close();
    }

    private ZkJobJournal leader() throws Exception {
        // what an election does: move the epoch, and keep the version it produced
        Stat stat = zk.setData().forPath(paths.epoch(), new byte[8]);
        return new ZkJobJournal(zk, paths, new ZkJobJournal.Fence(stat.getVersion()));
    }

    private static JobRecord record(String name) {
        return JobRecord.newBuilder().setSpec(JobSpec.newBuilder().setName(name)).setSubmitTimeMs(42).setMaps(3).build();
    }

    private static MapCommit map(int index, String executor) {
        return MapCommit.newBuilder().setLocation(MapOutputLocation.newBuilder().setMapIndex(index)
                .setAttemptId("m-0000" + index + ".1").setExecutorId(executor)).build();
    }

    @Test
    void aNewLeaderReadsWhatTheLastOneFinished() throws Exception {
        ZkJobJournal first = leader();
        String a = first.recordJob(record("a"));
        String b = first.recordJob(record("b"));
        first.mapCommitted(a, "m-00000", map(0, "e-1"));
        first.mapCommitted(a, "m-00001", map(1, "e-1"));
        first.mapCommitted(a, "m-00001", map(1, "e-2"));   // rerun elsewhere: replaces
        first.mapCommitted(a, "m-00002", map(2, "e-1"));
        first.mapLost(a, "m-00002");
        first.reduceCommitted(a, "r-00000", ReduceCommit.newBuilder().setPartition(0).setCommittedFile("/x/part-r-00000").build());
        first.jobEnded(b, JobEnd.newBuilder().setState(JobStatus.State.SUCCEEDED).build());

        List<JobJournal.JournaledJob> jobs = leader().unfinished();
        assertThat(jobs).extracting(JobJournal.JournaledJob::jobId).containsExactly(a);
        JobJournal.JournaledJob job = jobs.get(0);
        assertThat(job.record()).isEqualTo(record("a"));
        assertThat(job.maps()).containsExactly(map(0, "e-1"), map(1, "e-2"));
        assertThat(job.reduces()).extracting(ReduceCommit::getCommittedFile).containsExactly("/x/part-r-00000");
    }

    @Test
    void aDeposedLeadersWritesAreRefusedAndChangeNothing() throws Exception {
        ZkJobJournal old = leader();
        String a = old.recordJob(record("a"));
        ZkJobJournal next = leader();
        assertThatThrownBy(() -> old.mapCommitted(a, "m-00000", map(0, "e-1")))
                .isInstanceOf(JobJournal.FencedException.class).hasMessageContaining("newer leader");
        assertThatThrownBy(() -> old.recordJob(record("late"))).isInstanceOf(JobJournal.FencedException.class);
        assertThatThrownBy(() -> old.jobEnded(a, JobEnd.getDefaultInstance())).isInstanceOf(JobJournal.FencedException.class);
        List<JobJournal.JournaledJob> jobs = next.unfinished();
        assertThat(jobs).extracting(JobJournal.JournaledJob::jobId).containsExactly(a);
        assertThat(jobs.get(0).maps()).isEmpty();
        next.mapCommitted(a, "m-00000", map(0, "e-3"));
        assertThat(next.unfinished().get(0).maps()).containsExactly(map(0, "e-3"));
    }

    /**
     * Failed attempts come back in the order they were recorded, also for a job recorded before
     * failures were journaled (no failures node yet), and a deposed leader cannot add one.
     */
    @Test
    void failedAttemptsComeBackInOrder() throws Exception {
        ZkJobJournal first = leader();
        String a = first.recordJob(record("a"));
        zk.delete().forPath(paths.jobFailures(a)); // as a job recorded by a version without them
        assertThat(first.unfinished().get(0).failures()).isEmpty();
        List<AttemptFailure> failures = List.of(failure("m-00001", "m-00001.e1.1"), failure("m-00000", "m-00000.e1.1"),
                failure("m-00001", "m-00001.e1.2"));
        for (AttemptFailure f : failures) {
            first.attemptFailed(a, f);
        }
        ZkJobJournal next = leader();
        assertThat(next.unfinished().get(0).failures()).containsExactlyElementsOf(failures);
        assertThatThrownBy(() -> first.attemptFailed(a, failure("m-00000", "m-00000.e1.2")))
                .isInstanceOf(JobJournal.FencedException.class);
        assertThat(next.unfinished().get(0).failures()).hasSize(3);
    }

    private static AttemptFailure failure(String taskId, String attemptId) {
        return AttemptFailure.newBuilder().setTaskId(taskId).setAttemptId(attemptId).setExecutorId("e1")
                .setError(Error.newBuilder().setCode(Error.Code.USER_CODE_FAILED).setMessage("boom").setRetriable(true)).build();
    }
}
