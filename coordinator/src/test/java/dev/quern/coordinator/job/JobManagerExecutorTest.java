package dev.quern.coordinator.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.proto.JobStatus;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Executors that leave, come back, forget attempts or cannot be reached. */
class JobManagerExecutorTest {

    @TempDir
    Path dir;

    JobHarness h;

    @BeforeEach
    void setUp() {
        h = new JobHarness(dir);
    }

    @Test
    void attemptsRunningOnALostExecutorAreRelaunchedElsewhere() throws Exception {
        h.ready("e1", 1);
        h.ready("e2", 1);
        String job = h.submit(2, 1);
        h.succeedMap("m-00001.1");

        h.manager.executorLost("e1");

        assertThat(h.dispatcher.launchedSince(2)).containsExactly("m-00000.2@e2");
        h.succeedMap("m-00000.1"); // the lost executor's last words: ignored
        assertThat(h.dispatcher.launches).hasSize(3);
        h.succeedMap("m-00000.2");
        h.succeedReduce("r-00000.1");
        h.listener.assertEndedWith(job, JobStatus.State.SUCCEEDED);
        assertThat(h.dispatcher.launched()).noneMatch(l -> l.endsWith("@e1") && !l.equals("m-00000.1@e1"));
    }

    @Test
    void aFinishedMapWhoseExecutorIsLostIsRerunAndReducesGetItsNewLocation() throws Exception {
        h.ready("e1", 1);
        h.ready("e2", 1);
        String job = h.submit(2, 1);
        h.succeedMap("m-00000.1");
        assertThat(h.status().getProgress().getMapsDone()).isEqualTo(1);

        h.manager.executorLost("e1");
        assertThat(h.status().getProgress().getMapsDone()).as("its output went with it").isZero();
        h.ready("e3", 1);

        assertThat(h.dispatcher.launchedSince(2)).containsExactly("m-00000.2@e3");
        h.succeedMap("m-00001.1");
        h.succeedMap("m-00000.2");
        assertThat(h.dispatcher.launchedSince(3)).hasSize(1).allMatch(l -> l.startsWith("r-00000.1@"));
        assertThat(h.launch("r-00000.1").assignment().getReduce().getMapOutputsList())
                .containsExactly(h.location("m-00000.2"), h.location("m-00001.1"))
                .noneMatch(l -> l.getExecutorId().equals("e1") || l.getHost().equals("host-e1"));
        h.succeedReduce("r-00000.1");
        h.listener.assertEndedWith(job, JobStatus.State.SUCCEEDED);
    }

    @Test
    void aFinishedMapIsNotRerunOnceEveryReduceIsDone() throws Exception {
        h.ready("e1", 2);
        String job = h.submit(1, 2);
        h.succeedMap("m-00000.1");
        h.succeedReduce("r-00000.1");
        h.ready("e2", 1);
        h.manager.executorLost("e1"); // r-00001.1 was on e1: rerun; m-00000 is still needed by it

        assertThat(h.dispatcher.launchedSince(3)).containsExactly("m-00000.2@e2");
        h.succeedMap("m-00000.2");
        h.succeedReduce("r-00001.2");
        h.manager.executorLost("e2");
        h.listener.assertEndedWith(job, JobStatus.State.SUCCEEDED);
        assertThat(JobHarness.tree(h.output)).containsExactly("_SUCCESS", "part-r-00000", "part-r-00001");
    }

    @Test
    void anAttemptMissingFromAReadyExecutorsListIsRelaunched() throws Exception {
        h.ready("e1", 1);
        h.ready("e2", 1);
        String job = h.submit(3, 1);

        h.ready("e2", 1, "m-00001.1"); // reconnected, still running it: nothing to do
        assertThat(h.dispatcher.launches).hasSize(2);
        h.ready("e1", 1, "m-00099.1"); // reconnected without m-00000.1: its report was lost

        assertThat(h.dispatcher.launchedSince(2)).as("one slot, one relaunch").containsExactly("m-00000.2@e1");
        h.succeedMap("m-00000.1"); // had it not been lost, this report would have counted
        assertThat(h.status().getProgress().getMapsDone()).isZero();
        h.succeedMap("m-00000.2");
        h.succeedMap("m-00001.1");
        h.succeedMap("m-00002.1");
        h.succeedReduce("r-00000.1");
        h.listener.assertEndedWith(job, JobStatus.State.SUCCEEDED);
        assertThat(h.dispatcher.attemptKills()).isEmpty();
    }

    @Test
    void anUnreachableExecutorIsSkippedUntilReadyAgainAndItsTaskGoesElsewhereAtOnce() throws Exception {
        h.ready("e1", 2);
        h.ready("e2", 1);
        h.dispatcher.unreachable("e1");
        String job = h.submit(2, 2);

        // e1 has the most free slots, so m-00000 goes there first and is refused.
        assertThat(h.dispatcher.refused).extracting(FakeDispatcher.Launch::toString).containsExactly("m-00000.1@e1");
        assertThat(h.dispatcher.launched()).as("e2's free slot takes the refused task, not the next event")
                .containsExactly("m-00000.1@e2");
        h.succeedMap("m-00000.1");
        assertThat(h.dispatcher.launchedSince(1)).containsExactly("m-00001.1@e2");
        assertThat(h.dispatcher.refused).as("not tried again while unreachable").hasSize(1);

        h.dispatcher.reachable("e1");
        h.ready("e1", 2);
        h.succeedMap("m-00001.1");
        assertThat(h.dispatcher.launchedSince(2)).containsExactly("r-00000.1@e1", "r-00001.1@e1");
        h.succeedReduce("r-00000.1");
        h.succeedReduce("r-00001.1");
        h.listener.assertEndedWith(job, JobStatus.State.SUCCEEDED);
        assertThat(h.dispatcher.refused).hasSize(1);
    }

    @Test
    void reportsFromAnUnreachableExecutorStillCountAndItsLossReruns() throws Exception {
        h.ready("e1", 2);
        String job = h.submit(3, 1);
        assertThat(h.dispatcher.launched()).containsExactly("m-00000.1@e1", "m-00001.1@e1");
        h.dispatcher.unreachable("e1"); // its connection dropped; its last reports are still queued

        h.succeedMap("m-00001.1");
        assertThat(h.dispatcher.refused).extracting(FakeDispatcher.Launch::toString).containsExactly("m-00002.1@e1");
        h.succeedMap("m-00000.1");
        assertThat(h.status().getProgress().getMapsDone()).isEqualTo(2);

        h.manager.executorLost("e1"); // then its znode goes: both outputs are gone, m-00002 was never launched
        assertThat(h.status().getProgress().getMapsDone()).isZero();
        h.ready("e2", 3);

        assertThat(h.dispatcher.launchedSince(2)).containsExactly("m-00000.2@e2", "m-00001.2@e2", "m-00002.1@e2");
        h.succeedMap("m-00000.2");
        h.succeedMap("m-00001.2");
        h.succeedMap("m-00002.1");
        assertThat(h.launch("r-00000.1").executorId()).isEqualTo("e2");
        h.succeedReduce("r-00000.1");
        h.listener.assertEndedWith(job, JobStatus.State.SUCCEEDED);
    }

    @Test
    void anExecutorLostAfterARefusedLaunchHasItsAttemptsAndOutputsRerun() throws Exception {
        h.ready("e1", 2);
        String job = h.submit(3, 1);
        h.dispatcher.unreachable("e1");
        h.succeedMap("m-00001.1");
        assertThat(h.dispatcher.refused).extracting(FakeDispatcher.Launch::toString).containsExactly("m-00002.1@e1");

        h.manager.executorLost("e1"); // m-00000.1 was running there, m-00001.1's output was there
        assertThat(h.status().getProgress().getMapsRunning()).isZero();
        assertThat(h.status().getProgress().getMapsDone()).isZero();
        h.ready("e2", 1);

        assertThat(h.dispatcher.launchedSince(2)).containsExactly("m-00000.2@e2");
        h.succeedMap("m-00000.2");
        h.succeedMap("m-00001.2");
        h.succeedMap("m-00002.1");
        assertThat(h.dispatcher.launchedSince(2)).containsExactly("m-00000.2@e2", "m-00001.2@e2", "m-00002.1@e2", "r-00000.1@e2");
        h.succeedReduce("r-00000.1");
        h.listener.assertEndedWith(job, JobStatus.State.SUCCEEDED);
    }
}
