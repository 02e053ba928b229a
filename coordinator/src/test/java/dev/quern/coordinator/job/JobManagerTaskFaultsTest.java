package dev.quern.coordinator.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.proto.FetchFailed;
import dev.quern.proto.JobStatus;
import dev.quern.proto.ObsoleteMapOutput;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetch-failure reports, progress timeouts, speculation and executor exclusion, on a manual clock. */
class JobManagerTaskFaultsTest {

    @TempDir
    Path dir;

    final ManualClock clock = new ManualClock();

    private static FetchFailed report(JobHarness h, String reduceAttempt, int map, String mapAttempt, FetchFailed.Reason reason) {
        return FetchFailed.newBuilder().setJobId(h.jobId).setReduceAttemptId(reduceAttempt).setMapIndex(map)
                .setMapAttemptId(mapAttempt).setReason(reason).setMessage("test").build();
    }

    private static List<String> obsolete(JobHarness h) {
        return h.dispatcher.notices.stream().flatMap(n -> n.message().getObsoleteList().stream()
                .map(ObsoleteMapOutput::getAttemptId).map(a -> a + "@" + n.executorId() + "/" + n.message().getAttemptId())).toList();
    }

    @Test
    void aMapIsRerunAfterThreeFetchFailuresOrOneCorruptOutput() throws Exception {
        JobHarness h = new JobHarness(dir, clock);
        h.ready("e1", 1);
        h.ready("e2", 3);
        h.submit(2, 1);
        h.succeedMap("m-00000.1");
        h.succeedMap("m-00001.1");
        assertThat(h.dispatcher.launched()).containsExactly("m-00000.1@e2", "m-00001.1@e2", "r-00000.1@e2");

        h.manager.fetchFailed("e2", report(h, "r-00000.1", 1, "m-00001.1", FetchFailed.Reason.TRANSPORT));
        h.manager.fetchFailed("e2", report(h, "r-00000.1", 1, "m-00001.1", FetchFailed.Reason.TRANSPORT));
        h.manager.fetchFailed("e2", report(h, "r-00000.7", 1, "m-00001.1", FetchFailed.Reason.CORRUPT));
        assertThat(h.dispatcher.launches).as("two reports are not enough; one from no live attempt does not count").hasSize(3);
        h.manager.fetchFailed("e2", report(h, "r-00000.1", 1, "m-00001.1", FetchFailed.Reason.TRANSPORT));
        assertThat(obsolete(h)).containsExactly("m-00001.1@e2/r-00000.1");
        assertThat(h.dispatcher.launchedSince(3)).containsExactly("m-00001.2@e2");
        // A late report against the replaced output changes nothing.
        h.manager.fetchFailed("e2", report(h, "r-00000.1", 1, "m-00001.1", FetchFailed.Reason.CORRUPT));
        assertThat(h.dispatcher.launches).hasSize(4);

        h.manager.fetchFailed("e2", report(h, "r-00000.1", 0, "m-00000.1", FetchFailed.Reason.CORRUPT));
        assertThat(obsolete(h)).containsExactly("m-00001.1@e2/r-00000.1", "m-00000.1@e2/r-00000.1");
        assertThat(h.dispatcher.launchedSince(4)).as("corruption reruns at once").containsExactly("m-00000.2@e1");

        h.succeedMap("m-00001.2");
        h.succeedMap("m-00000.2");
        h.succeedReduce("r-00000.1");
        assertThat(h.status().getState()).isEqualTo(JobStatus.State.SUCCEEDED);
    }

    @Test
    void aReportAgainstAnOutputWhoseExecutorIsGoneRerunsTheMapAtOnce() throws Exception {
        JobHarness h = new JobHarness(dir, clock);
        h.ready("e1", 2);
        h.ready("e2", 2);
        h.submit(2, 1);
        h.succeedMap("m-00000.1");
        h.succeedMap("m-00001.1");
        assertThat(h.dispatcher.launched()).containsExactly("m-00000.1@e1", "m-00001.1@e2", "r-00000.1@e1");
        // ZooKeeper has not told the leader yet, but the pool has: the connection was refused for good.
        h.dispatcher.unreachable("e2");
        h.manager.executorLost("e2");
        assertThat(h.dispatcher.launchedSince(3)).containsExactly("m-00001.2@e1");
        h.manager.fetchFailed("e1", report(h, "r-00000.1", 1, "m-00001.1", FetchFailed.Reason.TRANSPORT));
        assertThat(h.dispatcher.launches).as("already rerun: the report names a replaced output").hasSize(4);
    }

    @Test
    void anAttemptWithoutProgressForTheTimeoutIsKilledAndCountsAsAFailure() throws Exception {
        JobHarness h = new JobHarness(dir, clock);
        h.ready("e1", 1);
        h.submit(1, 1, Map.of("quern.task.timeout", "3000", "quern.task.max-attempts", "2"));
        clock.advanceMillis(2000);
        h.progress("m-00000.1", 0.1f);
        clock.advanceMillis(2500);
        h.manager.tick();
        assertThat(h.dispatcher.attemptKills()).as("it moved 2.5 s ago").isEmpty();
        h.progress("m-00000.1", 0.1f); // no change: does not count
        clock.advanceMillis(600);
        h.manager.tick();
        assertThat(h.dispatcher.attemptKills()).containsExactly("m-00000.1@e1");
        assertThat(h.dispatcher.launchedSince(1)).containsExactly("m-00000.2@e1");

        clock.advanceMillis(3001);
        h.manager.tick();
        JobStatus failed = h.status();
        assertThat(failed.getState()).as("the second timeout is the second failure of two").isEqualTo(JobStatus.State.FAILED);
        assertThat(failed.getError().getMessage()).contains("m-00000", "made no progress for 3000 ms");
    }

    @Test
    void aStragglerGetsOneBackupOnAnotherExecutorAndTheFirstToFinishWins() throws Exception {
        JobHarness h = new JobHarness(dir, clock);
        h.ready("e1", 2);
        h.ready("e2", 2);
        h.submit(4, 1);
        assertThat(h.dispatcher.launched()).containsExactly("m-00000.1@e1", "m-00001.1@e2", "m-00002.1@e1", "m-00003.1@e2");
        clock.advanceMillis(1000);
        h.succeedMap("m-00000.1");
        h.succeedMap("m-00001.1");
        h.succeedMap("m-00002.1");
        clock.advanceMillis(4000);
        h.manager.tick();
        assertThat(h.dispatcher.launches).as("5 s is the least a straggler has run").hasSize(4);
        clock.advanceMillis(1001);
        h.manager.tick();
        h.manager.tick();
        assertThat(h.dispatcher.launchedSince(4)).as("one backup, not on e2").containsExactly("m-00003.2@e1");

        h.succeedMap("m-00003.2");
        assertThat(h.dispatcher.attemptKills()).containsExactly("m-00003.1@e2");
        assertThat(h.dispatcher.launchedSince(5)).containsExactly("r-00000.1@e1");
        // The loser's slot was given back: e2 takes two maps of another job, e1 one.
        h.submitAnother(3, 1);
        assertThat(h.dispatcher.launchedSince(6)).containsExactly("m-00000.1@e2", "m-00001.1@e1", "m-00002.1@e2");
    }

    @Test
    void noBackupWhenTheJobTurnsSpeculationOff() throws Exception {
        JobHarness h = new JobHarness(dir, clock);
        h.ready("e1", 2);
        h.ready("e2", 2);
        h.submit(4, 1, Map.of("quern.speculation", "false"));
        clock.advanceMillis(1000);
        h.succeedMap("m-00000.1");
        h.succeedMap("m-00001.1");
        h.succeedMap("m-00002.1");
        clock.advanceMillis(60_000);
        h.manager.tick();
        assertThat(h.dispatcher.launches).hasSize(4);
    }

    @Test
    void aFailedTaskAvoidsItsExecutorAndOneWhereThreeTasksFailedGetsNoMoreOfTheJobUnlessItIsTheLastOne() throws Exception {
        JobHarness h = new JobHarness(dir, clock);
        h.ready("e1", 3);
        h.ready("e2", 1);
        h.submit(5, 1);
        assertThat(h.dispatcher.launched()).containsExactly("m-00000.1@e1", "m-00001.1@e1", "m-00002.1@e1", "m-00003.1@e2");
        h.fail("m-00000.1", "disk full", true);
        assertThat(h.dispatcher.launchedSince(4)).as("m-00000 waits for e2; e1 takes a map that never failed there")
                .containsExactly("m-00004.1@e1");
        h.fail("m-00001.1", "disk full", true);
        h.fail("m-00002.1", "disk full", true);
        assertThat(h.dispatcher.launches).as("e1 is excluded; its free slots stay free").hasSize(5);
        h.succeedMap("m-00003.1");
        assertThat(h.dispatcher.launchedSince(5)).containsExactly("m-00000.2@e2");

        h.manager.executorLost("e2");
        assertThat(h.dispatcher.launchedSince(6)).as("no other executor is left: e1's two free slots")
                .containsExactly("m-00000.3@e1", "m-00001.2@e1");
    }
}
