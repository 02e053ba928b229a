package dev.quern.coordinator.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.job.EngineOptions;
import dev.quern.proto.JobStatus;
import dev.quern.proto.MapOutputsAvailable;
import dev.quern.proto.ObsoleteMapOutput;
import dev.quern.proto.TaskUpdate;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reduces that start before every map is done: when, what they are told, and when they give way. */
class JobManagerSlowStartTest {

    @TempDir
    Path dir;

    JobHarness h;

    @BeforeEach
    void setUp() {
        h = new JobHarness(dir);
    }

    private static Map<String, String> slowstart(String fraction) {
        return Map.of(EngineOptions.REDUCE_SLOWSTART, fraction);
    }

    @Test
    void reducesStartWithTheOutputsKnownThenAndHearOfTheRest() throws Exception {
        h.ready("e1", 3);
        String job = h.submit(4, 2, slowstart("0.5"));
        assertThat(h.dispatcher.launched()).containsExactly("m-00000.1@e1", "m-00001.1@e1", "m-00002.1@e1");

        h.succeedMap("m-00000.1"); // 1 of 4 done: the free slot goes to the waiting map
        assertThat(h.dispatcher.launchedSince(3)).containsExactly("m-00003.1@e1");
        h.succeedMap("m-00001.1"); // 2 of 4: half done and no map waits
        assertThat(h.dispatcher.launchedSince(4)).containsExactly("r-00000.1@e1");
        assertThat(h.launch("r-00000.1").assignment().getReduce().getMapOutputsList())
                .containsExactly(h.location("m-00000.1"), h.location("m-00001.1"));
        assertThat(h.launch("r-00000.1").assignment().getReduce().getTotalMaps()).isEqualTo(4);
        assertThat(h.status().getProgress().getReducesRunning()).isEqualTo(1);

        h.succeedMap("m-00002.1");
        assertThat(h.dispatcher.notices).extracting(FakeDispatcher.Notice::executorId).containsExactly("e1");
        assertThat(h.dispatcher.notices.get(0).message()).isEqualTo(MapOutputsAvailable.newBuilder().setJobId(job)
                .setAttemptId("r-00000.1").addMapOutputs(h.location("m-00002.1")).build());
        assertThat(h.dispatcher.launchedSince(5)).containsExactly("r-00001.1@e1");
        assertThat(h.launch("r-00001.1").assignment().getReduce().getMapOutputsCount()).isEqualTo(3);

        h.succeedMap("m-00003.1");
        assertThat(h.dispatcher.notices.subList(1, 3)).extracting(n -> n.message().getAttemptId())
                .containsExactlyInAnyOrder("r-00000.1", "r-00001.1");
        assertThat(h.dispatcher.notices.subList(1, 3)).allMatch(n ->
                n.message().getMapOutputsList().equals(List.of(h.location("m-00003.1"))));

        h.succeedReduce("r-00000.1");
        h.succeedReduce("r-00001.1");
        h.listener.assertEndedWith(job, JobStatus.State.SUCCEEDED);
    }

    @Test
    void slowstartOneWaitsForEveryMapEvenWithFreeSlots() throws Exception {
        h.ready("e1", 4);
        h.submit(2, 1, slowstart("1"));
        h.succeedMap("m-00000.1");
        assertThat(h.dispatcher.launched()).containsExactly("m-00000.1@e1", "m-00001.1@e1");
        h.succeedMap("m-00001.1");
        assertThat(h.dispatcher.launchedSince(2)).containsExactly("r-00000.1@e1");
        assertThat(h.dispatcher.notices).isEmpty();
    }

    @Test
    void slowstartZeroStartsReducesAtOnceOnSlotsNoMapWants() throws Exception {
        h.ready("e1", 3);
        h.submit(2, 2, slowstart("0"));
        assertThat(h.dispatcher.launched()).containsExactly("m-00000.1@e1", "m-00001.1@e1", "r-00000.1@e1");
        assertThat(h.launch("r-00000.1").assignment().getReduce().getMapOutputsList()).isEmpty();
    }

    @Test
    void anEarlyReduceWaitsWhileAnotherJobsMapWaitsForASlot() throws Exception {
        h.ready("e1", 3);
        String first = h.submit(2, 1, slowstart("0.5"));
        String second = h.submitAnother(2, 1);
        assertThat(launchedWithJobs()).containsExactly(first + ":m-00000.1@e1", first + ":m-00001.1@e1", second + ":m-00000.1@e1");

        h.succeedMapOf(first, "m-00000.1"); // half of the first job is done, but a map of the second waits
        assertThat(launchedWithJobs().subList(3, 4)).containsExactly(second + ":m-00001.1@e1");
        assertThat(h.dispatcher.launches).hasSize(4);

        h.succeedMapOf(second, "m-00000.1"); // no map waits now: the free slot may take the early reduce
        assertThat(launchedWithJobs().subList(4, h.dispatcher.launches.size())).containsExactly(first + ":r-00000.1@e1");
    }

    private List<String> launchedWithJobs() {
        return h.dispatcher.launches.stream().map(l -> l.assignment().getJobId() + ":" + l).toList();
    }

    @Test
    void aMapThatMustRerunWithEverySlotTakenPreemptsTheYoungestWaitingReduceUncounted() throws Exception {
        h.ready("e1", 1);
        h.ready("e2", 1);
        h.ready("e3", 1);
        // One attempt per task: a preemption counted as a failure would fail the job.
        String job = h.submit(2, 2, Map.of(EngineOptions.REDUCE_SLOWSTART, "0.5", EngineOptions.MAX_ATTEMPTS, "1"));
        assertThat(h.dispatcher.launched()).containsExactly("m-00000.1@e1", "m-00001.1@e2");
        h.succeedMap("m-00000.1");
        assertThat(h.dispatcher.launchedSince(2)).containsExactly("r-00000.1@e1", "r-00001.1@e3");

        h.manager.executorLost("e1"); // takes r-00000.1 and the output of m-00000 with it

        assertThat(h.dispatcher.notices).hasSize(1);
        assertThat(h.dispatcher.notices.get(0).executorId()).isEqualTo("e3");
        assertThat(h.dispatcher.notices.get(0).message().getObsoleteList()).containsExactly(
                ObsoleteMapOutput.newBuilder().setMapIndex(0).setAttemptId("m-00000.1").build());
        assertThat(h.dispatcher.attemptKills()).as("the youngest reduce gives way").containsExactly("r-00001.1@e3");
        assertThat(h.dispatcher.launchedSince(4)).containsExactly("m-00000.2@e3");
        assertThat(h.status().getProgress().getReducesRunning()).isZero();
        h.report("r-00001.1", TaskUpdate.State.KILLED); // its executor confirms: already handled, ignored

        h.succeedMap("m-00001.1");
        h.succeedMap("m-00000.2");
        assertThat(h.dispatcher.launchedSince(5)).containsExactlyInAnyOrder("r-00000.2@e2", "r-00001.2@e3");
        assertThat(h.launch("r-00001.2").assignment().getReduce().getMapOutputsList())
                .containsExactly(h.location("m-00000.2"), h.location("m-00001.1"));
        h.succeedReduce("r-00000.2");
        h.succeedReduce("r-00001.2");
        h.listener.assertEndedWith(job, JobStatus.State.SUCCEEDED);
    }

    @Test
    void aRetriedMapUsesItsOwnFreedSlotWithoutPreemption() throws Exception {
        h.ready("e1", 3);
        h.submit(2, 1, slowstart("0"));
        h.fail("m-00000.1", "probe", true);
        assertThat(h.dispatcher.launchedSince(3)).containsExactly("m-00000.2@e1");
        assertThat(h.dispatcher.attemptKills()).isEmpty();
    }

    @Test
    void aReconnectingExecutorsReducesHearEveryKnownOutputAgain() throws Exception {
        h.ready("e1", 3);
        String job = h.submit(2, 1, slowstart("0"));
        h.succeedMap("m-00000.1");
        int before = h.dispatcher.notices.size();

        h.ready("e1", 3, "m-00001.1", "r-00000.1");

        assertThat(h.dispatcher.notices.subList(before, h.dispatcher.notices.size())).extracting(FakeDispatcher.Notice::message)
                .containsExactly(MapOutputsAvailable.newBuilder().setJobId(job).setAttemptId("r-00000.1")
                        .addMapOutputs(h.location("m-00000.1")).build());
    }
}
