package dev.quern.coordinator.job;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.job.EngineOptions;
import dev.quern.proto.AttemptFailure;
import dev.quern.proto.Error;
import dev.quern.proto.JobEnd;
import dev.quern.proto.JobStatus;
import dev.quern.wire.Errors;
import dev.quern.zk.ZkPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two leaders in turn over one real ZooKeeper journal: the second resumes the first one's job without
 * redoing finished work whose results survive, and the first, deposed, can change nothing more.
 */
class FailoverTest {

    @TempDir
    Path dir;
    private TestingServer server;
    private CuratorFramework zk;
    private final ZkPaths paths = new ZkPaths("/failover-test");
    private Path output;

    @BeforeEach
    void start() throws Exception {
        server = new TestingServer(true);
        zk = CuratorFrameworkFactory.newClient(server.getConnectString(), new RetryOneTime(100));
        zk.start();
        zk.create().creatingParentsIfNeeded().forPath(paths.epoch(), new byte[8]);
        output = dir.resolve("out");
    }

    @AfterEach
    void stop() throws Exception {
        zk.close();
        server.close();
    }

    /** 4 maps and 2 reduces; the reduces start only when every map is done. */
    private String submit(LeaderTerm leader, int maps) throws Exception {
        Path input = TestJobs.input(dir.resolve("input.txt"), maps);
        return leader.manager.submit(TestJobs.spec(input, output, 2).putConfiguration(EngineOptions.REDUCE_SLOWSTART, "1.0").build(),
                new RecordingListener());
    }

    @Test
    void theNextLeaderKeepsFinishedWorkThatSurvivesAndRedoesTheRest() throws Exception {
        LeaderTerm first = new LeaderTerm(zk, paths, 1);
        first.hello("e1", "", List.of(), List.of());
        first.hello("e2", "", List.of(), List.of());
        String job = submit(first, 4);
        assertThat(first.dispatcher.launched()).containsExactlyInAnyOrder(
                "m-00000.e1.1@e1", "m-00001.e1.1@e2", "m-00002.e1.1@e1", "m-00003.e1.1@e2");
        List.of("m-00000.e1.1", "m-00001.e1.1", "m-00002.e1.1", "m-00003.e1.1").forEach(first::succeedMap);
        Path r0 = first.succeedReduce("r-00000.e1.1");
        assertThat(r0).doesNotExist(); // committed: moved out of the attempt's directory
        String stillRunning = first.dispatcher.launches.stream().map(FakeDispatcher.Launch::attemptId)
                .filter(a -> a.startsWith("r-00001")).findFirst().orElseThrow();

        // The first leader dies; e2 died with it. The second takes office with only e1 a member.
        LeaderTerm second = new LeaderTerm(zk, paths, 2);
        second.manager.resume(second.journal.unfinished(), Set.of("e1"));
        JobStatus resumed = second.manager.status(job).orElseThrow();
        assertThat(resumed.getProgress().getMapsDone()).isEqualTo(2); // e1's, until e1 confirms them
        assertThat(resumed.getProgress().getReducesDone()).isEqualTo(1);

        // e1 still holds m-00000's output but lost m-00002's, and still runs the old leader's reduce.
        String e1Reduce = first.launch(stillRunning).executorId().equals("e1") ? stillRunning : null;
        second.hello("e1", job, List.of("m-00000.e1.1"), e1Reduce == null ? List.of() : List.of(e1Reduce));
        if (e1Reduce != null) {
            assertThat(second.dispatcher.attemptKills()).contains(e1Reduce + "@e1");
        }
        assertThat(second.dispatcher.launched()).containsExactlyInAnyOrder("m-00001.e2.1@e1", "m-00002.e2.1@e1");
        second.hello("e3", job, List.of(), List.of());
        assertThat(second.dispatcher.launched()).contains("m-00003.e2.1@e3").doesNotContain("m-00000.e2.1@e1");
        List.of("m-00001.e2.1", "m-00002.e2.1", "m-00003.e2.1").forEach(second::succeedMap);
        assertThat(second.dispatcher.launched()).filteredOn(l -> l.startsWith("r-")).containsExactly(
                second.dispatcher.launched().stream().filter(l -> l.startsWith("r-00001.e2.1@")).findFirst().orElseThrow());
        second.succeedReduce("r-00001.e2.1");

        JobStatus end = second.manager.status(job).orElseThrow();
        assertThat(end.getState()).isEqualTo(JobStatus.State.SUCCEEDED);
        assertThat(JobHarness.tree(output)).containsExactly("_SUCCESS", "part-r-00000", "part-r-00001");
        assertThat(Files.readString(output.resolve("part-r-00000"), UTF_8)).isEqualTo("r-00000.e1.1\n");
        assertThat(Files.readString(output.resolve("part-r-00001"), UTF_8)).isEqualTo("r-00001.e2.1\n");
        assertThat(JobEnd.parseFrom(zk.getData().forPath(paths.jobEnd(job))).getState()).isEqualTo(JobStatus.State.SUCCEEDED);
        assertThat(second.journal.unfinished()).isEmpty();
    }

    /**
     * A task's failed attempts count across leaders: with 3 attempts allowed and 2 failed under the
     * first leader, the second fails the job at the task's next failure. Without the journaled
     * failures it would start counting from zero and give the task 3 more attempts.
     */
    @Test
    void failedAttemptsCountAcrossLeaders() throws Exception {
        LeaderTerm first = new LeaderTerm(zk, paths, 1);
        String job = submitOnE1(first, 1, 3);
        first.fail("m-00000.e1.1");
        first.fail("m-00000.e1.2");
        assertThat(first.dispatcher.launched()).contains("m-00000.e1.3@e1");
        assertThat(zk.getChildren().forPath(paths.jobFailures(job))).hasSize(2);

        LeaderTerm second = new LeaderTerm(zk, paths, 2);
        second.manager.resume(second.journal.unfinished(), Set.of("e1"));
        second.hello("e1", job, List.of(), List.of());
        assertThat(second.dispatcher.launched()).containsExactly("m-00000.e2.1@e1");
        second.fail("m-00000.e2.1");

        JobStatus end = second.manager.status(job).orElseThrow();
        assertThat(end.getState()).isEqualTo(JobStatus.State.FAILED);
        assertThat(end.getError().getMessage()).isEqualTo("task m-00000 failed 3 attempts; first error: boom in m-00000.e1.1");
    }

    /** The old leader had excluded e1 (3 tasks failed there): the next one keeps it excluded. */
    @Test
    void anExcludedExecutorStaysExcludedUnderTheNextLeader() throws Exception {
        LeaderTerm first = new LeaderTerm(zk, paths, 1);
        String job = first.manager.submit(TestJobs.spec(TestJobs.input(dir.resolve("input.txt"), 3), output, 1).build(),
                new RecordingListener());
        for (String task : List.of("m-00000", "m-00001", "m-00002")) {
            first.journal.attemptFailed(job, failure(task, task + ".e1.1", true));
        }

        LeaderTerm second = new LeaderTerm(zk, paths, 2);
        second.manager.resume(second.journal.unfinished(), Set.of("e1", "e2"));
        second.hello("e2", job, List.of(), List.of());
        second.hello("e1", job, List.of(), List.of());
        // e2's 2 slots are full and m-00002 waits: not for e1, excluded while another executor is known
        assertThat(second.dispatcher.launched()).containsExactly("m-00000.e2.1@e2", "m-00001.e2.1@e2");
    }

    /** The old leader died after journaling a task's last allowed failure and before journaling the job's end. */
    @Test
    void aJobWhoseTaskHadFailedForGoodWhenTheLeaderDiedFailsUnderTheNext() throws Exception {
        LeaderTerm first = new LeaderTerm(zk, paths, 1);
        String job = submitOnE1(first, 2, 2);
        first.fail("m-00001.e1.1");
        first.journal.attemptFailed(job, failure("m-00001", "m-00001.e1.2", true));

        LeaderTerm second = new LeaderTerm(zk, paths, 2);
        second.manager.resume(second.journal.unfinished(), Set.of("e1"));
        JobStatus end = second.manager.status(job).orElseThrow();
        assertThat(end.getState()).isEqualTo(JobStatus.State.FAILED);
        assertThat(end.getError().getMessage()).isEqualTo("task m-00001 failed 2 attempts; first error: boom in m-00001.e1.1");
        second.hello("e1", job, List.of(), List.of());
        assertThat(second.dispatcher.launched()).isEmpty();
        assertThat(JobEnd.parseFrom(zk.getData().forPath(paths.jobEnd(job))).getState()).isEqualTo(JobStatus.State.FAILED);
    }

    /** A job of {@code maps} maps and one reduce, {@code maxAttempts} attempts a task, on executor e1 alone. */
    private String submitOnE1(LeaderTerm leader, int maps, int maxAttempts) throws Exception {
        leader.hello("e1", "", List.of(), List.of());
        return leader.manager.submit(TestJobs.spec(TestJobs.input(dir.resolve("input.txt"), maps), output, 1)
                .putConfiguration(EngineOptions.MAX_ATTEMPTS, Integer.toString(maxAttempts)).build(), new RecordingListener());
    }

    private static AttemptFailure failure(String taskId, String attemptId, boolean retriable) {
        return AttemptFailure.newBuilder().setTaskId(taskId).setAttemptId(attemptId).setExecutorId("e1")
                .setError(Errors.of(Error.Code.USER_CODE_FAILED, "boom in " + attemptId, retriable)).build();
    }

    @ParameterizedTest(name = "its leaving seen by the tracker: {0}")
    @ValueSource(booleans = {false, true})
    void aMemberThatDiesBeforeItSaysHelloLosesItsJournaledMaps(boolean viaTracker) throws Exception {
        LeaderTerm first = new LeaderTerm(zk, paths, 1);
        first.hello("e1", "", List.of(), List.of());
        first.hello("e2", "", List.of(), List.of());
        String job = submit(first, 2);
        first.succeedMap("m-00000.e1.1");
        first.succeedMap("m-00001.e1.1");
        String onE2 = first.launch("m-00001.e1.1").executorId().equals("e2") ? "m-00001" : "m-00000";

        // e2's znode outlived the leader, but e2 is dead: it never says hello, and its session expires.
        LeaderTerm second = new LeaderTerm(zk, paths, 2);
        second.manager.resume(second.journal.unfinished(), Set.of("e1", "e2"));
        String other = onE2.equals("m-00000") ? "m-00001" : "m-00000";
        second.hello("e1", job, List.of(other + ".e1.1"), List.of());
        assertThat(second.dispatcher.launched()).filteredOn(l -> l.startsWith("m-")).isEmpty();
        if (viaTracker) {
            second.manager.membersKnown("e1"::equals); // its znode went before the tracker could see it
        } else {
            second.manager.executorLost("e2");
        }

        assertThat(second.dispatcher.launched()).contains(onE2 + ".e2.1@e1");
        assertThat(zk.checkExists().forPath(paths.jobMap(job, onE2))).isNull();
    }

    @Test
    void aMapOnlyJobKeepsItsCommittedMapsEvenWhenTheirExecutorIsGone() throws Exception {
        LeaderTerm first = new LeaderTerm(zk, paths, 1);
        first.hello("e1", "", List.of(), List.of());
        Path input = TestJobs.input(dir.resolve("input.txt"), 2);
        String job = first.manager.submit(TestJobs.spec(input, output, 0).build(), new RecordingListener());
        assertThat(first.dispatcher.launched()).containsExactly("m-00000.e1.1@e1", "m-00001.e1.1@e1");
        first.succeedMapOnly("m-00000.e1.1");

        LeaderTerm second = new LeaderTerm(zk, paths, 2);
        second.manager.resume(second.journal.unfinished(), Set.of()); // e1 is gone; the part file is not on it
        second.hello("e2", job, List.of(), List.of());
        assertThat(second.dispatcher.launched()).containsExactly("m-00001.e2.1@e2");
        second.succeedMapOnly("m-00001.e2.1");

        assertThat(second.manager.status(job).orElseThrow().getState()).isEqualTo(JobStatus.State.SUCCEEDED);
        assertThat(JobHarness.tree(output)).containsExactly("_SUCCESS", "part-m-00000", "part-m-00001");
        assertThat(Files.readString(output.resolve("part-m-00000"), UTF_8)).isEqualTo("m-00000.e1.1\n");
        assertThat(Files.readString(output.resolve("part-m-00001"), UTF_8)).isEqualTo("m-00001.e2.1\n");
    }

    @Test
    void aDeposedLeadersWriteIsFencedAndItStepsDownAtOnce() throws Exception {
        LeaderTerm first = new LeaderTerm(zk, paths, 1);
        first.hello("e1", "", List.of(), List.of());
        String job = submit(first, 4);
        assertThat(first.dispatcher.launched()).hasSize(2);

        LeaderTerm second = new LeaderTerm(zk, paths, 2);
        first.succeedMap("m-00000.e1.1"); // its MapCommit is refused

        assertThat(first.deposed).isEqualTo(1);
        assertThat(first.dispatcher.launched()).as("nothing launched after the fenced write").hasSize(2);
        assertThat(zk.checkExists().forPath(paths.jobMap(job, "m-00000"))).isNull();
        first.succeedMap("m-00001.e1.1");
        assertThat(first.dispatcher.launched()).hasSize(2);
        assertThat(first.deposed).isEqualTo(1);

        second.manager.resume(second.journal.unfinished(), Set.of("e1"));
        second.hello("e1", job, List.of("m-00000.e1.1", "m-00001.e1.1"), List.of());
        assertThat(second.dispatcher.launched()).as("no journaled map: all run again").containsExactly("m-00000.e2.1@e1", "m-00001.e2.1@e1");
    }

    @Test
    void aJobWhoseInputChangedIsFailedWithTheCounts() throws Exception {
        LeaderTerm first = new LeaderTerm(zk, paths, 1);
        String job = submit(first, 4);
        TestJobs.input(dir.resolve("input.txt"), 6);

        LeaderTerm second = new LeaderTerm(zk, paths, 2);
        second.manager.resume(second.journal.unfinished(), Set.of());

        JobStatus end = second.manager.status(job).orElseThrow();
        assertThat(end.getState()).isEqualTo(JobStatus.State.FAILED);
        assertThat(end.getError().getMessage()).contains(job, "input changed", "4 splits then, 6 now");
        assertThat(output).doesNotExist();
        assertThat(second.journal.unfinished()).isEmpty();
    }

    @Test
    void aJobCommittedBeforeItsEndWasRecordedEndsSucceeded() throws Exception {
        LeaderTerm first = new LeaderTerm(zk, paths, 1);
        first.hello("e1", "", List.of(), List.of());
        String job = submit(first, 1);
        Files.createFile(output.resolve("_SUCCESS")); // the leader died right after the job commit

        LeaderTerm second = new LeaderTerm(zk, paths, 2);
        second.manager.resume(second.journal.unfinished(), Set.of("e1"));

        assertThat(second.manager.status(job).orElseThrow().getState()).isEqualTo(JobStatus.State.SUCCEEDED);
        assertThat(JobEnd.parseFrom(zk.getData().forPath(paths.jobEnd(job))).getState()).isEqualTo(JobStatus.State.SUCCEEDED);
        assertThat(output.resolve("_SUCCESS")).exists();
    }
}
