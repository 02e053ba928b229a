package dev.quern.coordinator.job;

import static dev.quern.coordinator.job.JobHarness.counter;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.proto.Error;
import dev.quern.proto.JobStatus;
import dev.quern.proto.ReduceTask;
import dev.quern.proto.TaskUpdate;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job driven from submit to its end, one event at a time: what is launched, reported and left on disk. */
class JobManagerTest {

    @TempDir
    Path dir;

    JobHarness h;

    @BeforeEach
    void setUp() {
        h = new JobHarness(dir);
    }

    @Test
    void mapsFillFreeSlotsAsTheyFreeUpThenReducesGetEveryMapOutputAndTheOutputIsCommitted() throws Exception {
        h.ready("e1", 1);
        h.ready("e2", 1);
        String job = h.submit(3, 2);

        assertThat(job).isEqualTo("job-1");
        assertThat(h.dispatcher.launched()).containsExactly("m-00000.1@e1", "m-00001.1@e2");

        h.succeedMap("m-00000.1", counter("records", 10), counter("tasks", 1));
        assertThat(h.dispatcher.launchedSince(2)).as("the freed slot is reused at once").containsExactly("m-00002.1@e1");

        h.succeedMap("m-00001.1", counter("records", 20), counter("tasks", 1));
        assertThat(h.dispatcher.launches).as("no reduce before the last map is done").hasSize(3);
        assertThat(h.status().getProgress().getMapsDone()).isEqualTo(2);

        h.succeedMap("m-00002.1", counter("records", 30), counter("tasks", 1));
        assertThat(h.dispatcher.launchedSince(3)).containsExactly("r-00000.1@e1", "r-00001.1@e2");
        for (int r = 0; r < 2; r++) {
            ReduceTask reduce = h.launch("r-0000" + r + ".1").assignment().getReduce();
            assertThat(reduce.getPartition()).isEqualTo(r);
            assertThat(reduce.getTotalMaps()).isEqualTo(3);
            assertThat(reduce.getTempDir()).isEqualTo(h.output.resolve("_temporary").resolve(job).toString());
            assertThat(reduce.getMapOutputsList()).as("host and port of the executor that ran each map")
                    .containsExactly(h.location("m-00000.1"), h.location("m-00001.1"), h.location("m-00002.1"));
        }
        assertThat(h.location("m-00001.1").getHost()).isEqualTo("host-e2");
        assertThat(h.location("m-00001.1").getShufflePort()).isEqualTo(7002);

        h.succeedReduce("r-00000.1", counter("records", 2), counter("tasks", 1));
        assertThat(h.status().getState()).isEqualTo(JobStatus.State.RUNNING);
        assertThat(h.output.resolve("part-r-00000")).as("nothing visible before every reduce is done").doesNotExist();
        h.succeedReduce("r-00001.1", counter("records", 3), counter("tasks", 1), counter("only-reduce-1", 7));

        JobStatus done = h.status();
        assertThat(done.getState()).isEqualTo(JobStatus.State.SUCCEEDED);
        assertThat(done.hasError()).isFalse();
        assertThat(done.getProgress().getMapsDone()).isEqualTo(3);
        assertThat(done.getProgress().getReducesDone()).isEqualTo(2);
        assertThat(done.getCountersList()).containsExactlyInAnyOrder(
                counter("records", 65), counter("tasks", 5), counter("only-reduce-1", 7));
        assertThat(JobHarness.tree(h.output)).containsExactly("_SUCCESS", "part-r-00000", "part-r-00001");
        assertThat(Files.readString(h.output.resolve("part-r-00001"), UTF_8)).isEqualTo("r-00001.1\n");
        assertThat(h.dispatcher.launched()).as("each task launched exactly once").hasSize(5).allMatch(a -> a.contains(".1@"));
        assertThat(h.dispatcher.attemptKills()).isEmpty();
        assertThat(h.dispatcher.kills).as("every executor drops the job's files")
                .containsExactlyInAnyOrder(new FakeDispatcher.Kill("e1", job, ""), new FakeDispatcher.Kill("e2", job, ""));

        JobStatus last = h.listener.assertEndedWith(job, JobStatus.State.SUCCEEDED);
        assertThat(last).isEqualTo(done);
        assertThat(h.listener.statuses()).extracting(s -> s.getProgress().getMapsDone()).isSorted();
        assertThat(h.manager.jobs()).containsExactly(done);
    }

    @Test
    void countersOfFailedAndKilledAttemptsAreNotCounted() throws Exception {
        h.ready("e1", 1);
        String job = h.submit(1, 1);
        h.fail("m-00000.1", "disk full", true);
        h.report("m-00000.2", TaskUpdate.State.KILLED);
        h.succeedMap("m-00000.3", counter("records", 5));
        h.succeedReduce("r-00000.1", counter("records", 1));

        JobStatus done = h.listener.assertEndedWith(job, JobStatus.State.SUCCEEDED);
        assertThat(done.getCountersList()).containsExactly(counter("records", 6));
        assertThat(JobHarness.tree(h.output)).containsExactly("_SUCCESS", "part-r-00000");
    }

    @Test
    void killingARunningJobKillsItsAttemptsAndRemovesItsOutput() throws Exception {
        h.ready("e1", 1);
        h.ready("e2", 1);
        String job = h.submit(2, 2);
        h.succeedMap("m-00000.1");
        h.succeedMap("m-00001.1");
        h.succeedReduce("r-00000.1");
        Path partial = JobHarness.writePart(h.launch("r-00001.1")); // written, not yet reported
        assertThat(partial).exists();

        JobStatus killed = h.manager.kill(job).orElseThrow();

        assertThat(killed.getState()).isEqualTo(JobStatus.State.KILLED);
        assertThat(killed.getError().getCode()).isEqualTo(Error.Code.KILLED);
        assertThat(killed.getError().getMessage()).contains(job);
        assertThat(h.dispatcher.attemptKills()).containsExactly("r-00001.1@e2");
        assertThat(h.output).doesNotExist();
        assertThat(h.listener.assertEndedWith(job, JobStatus.State.KILLED)).isEqualTo(killed);

        int launches = h.dispatcher.launches.size();
        h.succeedReduce("r-00001.1"); // too late: ignored
        h.ready("e3", 4);
        assertThat(h.status()).isEqualTo(killed);
        assertThat(h.dispatcher.launches).hasSize(launches);
        assertThat(h.manager.kill(job)).as("a second kill changes nothing").contains(killed);
        assertThat(h.listener.statuses()).as("nothing after the final status").last().isEqualTo(killed);
    }

    @Test
    void killOrStatusOfAnUnknownJobIsEmpty() throws Exception {
        assertThat(h.manager.kill("job-404")).isEmpty();
        assertThat(h.manager.status("job-404")).isEmpty();
        h.ready("e1", 1);
        h.submit(1, 1);
        assertThat(h.manager.kill("job-404")).isEmpty();
        assertThat(h.status().getState()).isEqualTo(JobStatus.State.RUNNING);
        assertThat(h.dispatcher.attemptKills()).isEmpty();
    }

    @Test
    void aJobSubmittedBeforeAnyExecutorStartsWhenOneIsReady() throws Exception {
        String job = h.submit(2, 1);
        assertThat(h.dispatcher.launches).isEmpty();
        assertThat(h.status().getProgress().getMapsTotal()).isEqualTo(2);

        h.ready("e1", 4);

        assertThat(h.dispatcher.launched()).containsExactly("m-00000.1@e1", "m-00001.1@e1");
        assertThat(h.listener.events).first().isEqualTo(job);
    }

    /** A leader whose ZooKeeper connection is suspended launches nothing until it is back. */
    @Test
    void nothingIsLaunchedWhilePausedAndEverythingWaitingOnResume() throws Exception {
        h.ready("e1", 2);
        h.manager.setPaused(true);
        h.submit(2, 1);
        assertThat(h.dispatcher.launches).isEmpty();
        h.manager.setPaused(false);
        assertThat(h.dispatcher.launched()).containsExactly("m-00000.1@e1", "m-00001.1@e1");
    }
}
