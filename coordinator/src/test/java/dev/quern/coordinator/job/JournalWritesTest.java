package dev.quern.coordinator.job;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.job.EngineOptions;
import dev.quern.proto.JobStatus;
import dev.quern.proto.MapCommit;
import dev.quern.proto.ReduceCommit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the job manager writes to its journal as a job advances, and what a failed write does. */
class JournalWritesTest {

    @TempDir
    Path dir;

    JobHarness h;

    @BeforeEach
    void setUp() {
        h = new JobHarness(dir);
    }

    @Test
    void eachWinningAttemptIsJournaledAndALostMapOutputIsForgotten() throws Exception {
        h.ready("e1", 1);
        h.ready("e2", 1);
        String job = h.submit(2, 1, Map.of(EngineOptions.REDUCE_SLOWSTART, "1.0"));
        assertThat(h.journal.records.get(job).getMaps()).isEqualTo(2);
        h.succeedMap("m-00000.1", JobHarness.counter("records", 4));
        h.succeedMap("m-00001.1");
        MapCommit m0 = h.journal.maps.get(job).get("m-00000");
        assertThat(m0.getLocation()).isEqualTo(h.location("m-00000.1"));
        assertThat(m0.getCountersList()).containsExactly(JobHarness.counter("records", 4));

        String lostOn = h.launch("m-00001.1").executorId();
        h.manager.executorLost(lostOn);
        assertThat(h.journal.maps.get(job)).as("its output went with " + lostOn).doesNotContainKey("m-00001");

        String rerun = h.dispatcher.launched().stream().filter(l -> l.startsWith("m-00001.2@")).findFirst().orElseThrow();
        h.succeedMap(rerun.substring(0, rerun.indexOf('@')));
        // The reduce that started once both maps were done gave its slot to the rerun map: its second attempt runs.
        assertThat(h.dispatcher.attemptKills()).containsExactly("r-00000.1@e1");
        Path part = h.succeedReduce("r-00000.2");

        ReduceCommit r0 = h.journal.reduces.get(job).get("r-00000");
        Path committed = h.output.resolve("_temporary").resolve(job).resolve("committed").resolve("part-r-00000");
        assertThat(r0.getCommittedFile()).isEqualTo(committed.toString());
        assertThat(r0.getAttemptId()).isEqualTo("r-00000.2");
        assertThat(part).doesNotExist();
        assertThat(h.journal.ends.get(job).getState()).isEqualTo(JobStatus.State.SUCCEEDED);
        assertThat(Files.readString(h.output.resolve("part-r-00000"), UTF_8)).isEqualTo("r-00000.2\n");
    }

    @Test
    void aJournalThatCannotBeReachedDoesNotStopTheJob() throws Exception {
        h.ready("e1", 2);
        String job = h.submit(1, 1);
        h.journal.unreachable = true;

        h.succeedMap("m-00000.1");
        h.succeedReduce("r-00000.1");

        assertThat(h.status().getState()).isEqualTo(JobStatus.State.SUCCEEDED);
        assertThat(h.deposed).isZero();
        assertThat(h.journal.maps.get(job)).isEmpty(); // a new leader would redo the work: never wrong
        assertThat(h.journal.ends).isEmpty();
    }

    @Test
    void aFencedWriteDeposesTheManagerOnceAndItLaunchesNothingMore() throws Exception {
        h.ready("e1", 1);
        String job = h.submit(3, 1);
        assertThat(h.dispatcher.launched()).containsExactly("m-00000.1@e1");
        h.journal.fenced = true;

        h.succeedMap("m-00000.1");
        h.ready("e2", 4);

        assertThat(h.deposed).isEqualTo(1);
        assertThat(h.dispatcher.launched()).as("nothing launched once deposed").containsExactly("m-00000.1@e1");
        assertThat(h.journal.maps.get(job)).isEmpty();
    }
}
