package dev.quern.coordinator.job;

import static dev.quern.coordinator.job.JobHarness.counter;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.proto.JobStatus;
import dev.quern.proto.MapTask;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobs with no reducers: each map's part file is committed as a reduce's would be. */
class MapOnlyJobTest {

    @TempDir
    Path dir;

    JobHarness h;

    @BeforeEach
    void setUp() {
        h = new JobHarness(dir);
    }

    @Test
    void mapsGetTheTemporaryDirectoryAndTheirPartFilesAreCommitted() throws Exception {
        h.ready("e1", 1);
        h.ready("e2", 1);
        String job = h.submit(3, 0);

        assertThat(h.dispatcher.launched()).containsExactly("m-00000.1@e1", "m-00001.1@e2");
        MapTask map = h.launch("m-00000.1").assignment().getMap();
        assertThat(map.getTempDir()).isEqualTo(h.output.resolve("_temporary").resolve(job).toString());
        assertThat(h.status().getProgress().getReducesTotal()).isZero();

        h.succeedMapOnly("m-00000.1", counter("records", 1));
        h.succeedMapOnly("m-00001.1", counter("records", 2));
        assertThat(h.output.resolve("part-m-00000")).as("nothing visible before every map is done").doesNotExist();
        h.succeedMapOnly("m-00002.1", counter("records", 3));

        JobStatus done = h.listener.assertEndedWith(job, JobStatus.State.SUCCEEDED);
        assertThat(done.getCountersList()).containsExactly(counter("records", 6));
        assertThat(JobHarness.tree(h.output)).containsExactly("_SUCCESS", "part-m-00000", "part-m-00001", "part-m-00002");
        assertThat(Files.readString(h.output.resolve("part-m-00002"), UTF_8)).isEqualTo("m-00002.1\n");
        assertThat(h.dispatcher.launched()).as("no reduce is ever launched").hasSize(3);
    }

    @Test
    void aFailedAttemptIsRerunAndOnlyTheWinnersFileIsCommitted() throws Exception {
        h.ready("e1", 1);
        String job = h.submit(1, 0);
        h.fail("m-00000.1", "disk full", true);
        h.succeedMapOnly("m-00000.2");

        h.listener.assertEndedWith(job, JobStatus.State.SUCCEEDED);
        assertThat(JobHarness.tree(h.output)).containsExactly("_SUCCESS", "part-m-00000");
        assertThat(Files.readString(h.output.resolve("part-m-00000"), UTF_8)).isEqualTo("m-00000.2\n");
    }

    /** Unlike a map output for reducers, a map-only job's part file lives in OUT, not on the executor. */
    @Test
    void aLostExecutorDoesNotRerunItsFinishedMaps() throws Exception {
        h.ready("e1", 1);
        h.ready("e2", 1);
        String job = h.submit(2, 0);
        h.succeedMapOnly("m-00000.1");

        h.manager.executorLost("e1");

        assertThat(h.dispatcher.launched()).as("m-00000 is not rerun").containsExactly("m-00000.1@e1", "m-00001.1@e2");
        h.succeedMapOnly("m-00001.1");
        h.listener.assertEndedWith(job, JobStatus.State.SUCCEEDED);
        assertThat(JobHarness.tree(h.output)).containsExactly("_SUCCESS", "part-m-00000", "part-m-00001");
    }

    @Test
    void aFailedJobLeavesNoOutput() throws Exception {
        h.ready("e1", 2);
        String job = h.submit(2, 0);
        h.succeedMapOnly("m-00000.1");

        h.fail("m-00001.1", "bad record", false);

        h.listener.assertEndedWith(job, JobStatus.State.FAILED);
        assertThat(h.output).doesNotExist();
    }
}
