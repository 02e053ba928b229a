package dev.quern.coordinator.job;

import static dev.quern.coordinator.job.JobHarness.counter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.proto.Error;
import dev.quern.proto.JobStatus;
import dev.quern.proto.TaskResult;
import dev.quern.proto.TaskUpdate;
import dev.quern.proto.TaskUpdate.State;
import dev.quern.wire.Errors;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failed, killed and stale attempts: what is retried, what fails the job, and what is ignored. */
class JobManagerFailureTest {

    @TempDir
    Path dir;

    JobHarness h;

    @BeforeEach
    void setUp() {
        h = new JobHarness(dir);
        h.ready("e1", 1);
        h.ready("e2", 1);
    }

    @Test
    void aFailedAttemptIsRetriedAndTheFourthFailureFailsTheJobWithTheFirstCause() throws Exception {
        String job = h.submit(3, 2);
        assertThat(h.dispatcher.launched()).containsExactly("m-00000.1@e1", "m-00001.1@e2");

        h.fail("m-00000.1", "bad record at offset 0", true);
        assertThat(h.dispatcher.launchedSince(2)).as("m-00000 waits for e2, where it has not failed; e1 takes the next map")
                .containsExactly("m-00002.1@e1");
        h.succeedMap("m-00001.1");
        assertThat(h.dispatcher.launchedSince(3)).containsExactly("m-00000.2@e2");
        h.fail("m-00000.2", "second", true);
        h.fail("m-00000.3", "third", true);
        assertThat(h.status().getState()).isEqualTo(JobStatus.State.RUNNING);
        assertThat(h.dispatcher.launchedSince(4)).as("failed everywhere: any executor will do")
                .containsExactly("m-00000.3@e2", "m-00000.4@e2");

        h.fail("m-00000.4", "fourth", true);

        JobStatus failed = h.listener.assertEndedWith(job, JobStatus.State.FAILED);
        assertThat(failed).isEqualTo(h.status());
        assertThat(failed.getError().getCode()).isEqualTo(Error.Code.USER_CODE_FAILED);
        assertThat(failed.getError().getMessage()).contains("m-00000", "4 attempts", "bad record at offset 0")
                .doesNotContain("fourth");
        assertThat(h.dispatcher.attemptKills()).as("only the attempt still running").containsExactly("m-00002.1@e1");
        assertThat(h.dispatcher.launches).as("no attempt after the job failed").hasSize(6);
        assertThat(h.output).as("the job created OUT, and it was empty").doesNotExist();
    }

    @Test
    void theAttemptLimitIsAJobOption() throws Exception {
        Path input = TestJobs.input(dir.resolve("input.txt"), 1);
        String job = h.manager.submit(TestJobs.spec(input, h.output, 1)
                .putConfiguration("quern.task.max-attempts", "1").build(), h.listener);

        h.fail("m-00000.1", "once is enough", true);

        assertThat(h.listener.assertEndedWith(job, JobStatus.State.FAILED).getError().getMessage())
                .contains("m-00000", "1 attempts", "once is enough");
    }

    @Test
    void aNonRetriableErrorFailsTheJobAtOnce() throws Exception {
        String job = h.submit(3, 1);

        h.fail("m-00001.1", "mapper class cannot be initialized", false);

        JobStatus failed = h.listener.assertEndedWith(job, JobStatus.State.FAILED);
        assertThat(failed.getError().getMessage()).contains("m-00001", "cannot be retried", "mapper class cannot be initialized");
        assertThat(failed.getError().getRetriable()).isFalse();
        assertThat(h.dispatcher.launches).hasSize(2);
        assertThat(h.dispatcher.attemptKills()).containsExactly("m-00000.1@e1");
        assertThat(h.output).doesNotExist();
    }

    @Test
    void aReduceFailureIsRetriedWithTheSameMapOutputs() throws Exception {
        String job = h.submit(1, 1);
        h.succeedMap("m-00000.1");
        h.fail("r-00000.1", "fetch failed", true);

        assertThat(h.dispatcher.launchedSince(2)).hasSize(1).allMatch(l -> l.startsWith("r-00000.2@"));
        assertThat(h.launch("r-00000.2").assignment().getReduce().getMapOutputsList()).containsExactly(h.location("m-00000.1"));
        h.succeedReduce("r-00000.2");
        h.listener.assertEndedWith(job, JobStatus.State.SUCCEEDED);
        assertThat(JobHarness.tree(h.output)).containsExactly("_SUCCESS", "part-r-00000");
    }

    @Test
    void attemptsKilledByTheirExecutorAreRerunAndDoNotCountAgainstTheLimit() throws Exception {
        String job = h.submit(1, 1);
        for (int n = 1; n <= 4; n++) {
            h.report("m-00000." + n, State.KILLED);
        }
        assertThat(h.dispatcher.launched()).hasSize(5).last().asString().startsWith("m-00000.5@");
        h.fail("m-00000.5", "one real failure", true);
        h.succeedMap("m-00000.6");
        h.succeedReduce("r-00000.1");

        assertThat(h.listener.assertEndedWith(job, JobStatus.State.SUCCEEDED).hasError()).isFalse();
        assertThat(h.dispatcher.attemptKills()).as("the manager killed none of them").isEmpty();
    }

    @Test
    void updatesOfUnknownJobsTasksOrAttemptsAreIgnored() throws Exception {
        String job = h.submit(2, 1);
        h.report("m-00000.1", State.RUNNING);
        JobStatus before = h.status();

        for (String attempt : new String[] {"m-00000.2", "m-00000.0", "m-00099.1", "r-00000.1", "x-1.1", "no-attempt-number", ""}) {
            h.manager.taskUpdate("e1", success(job, attempt));
            h.manager.taskUpdate("e1", failure(job, attempt));
        }
        h.manager.taskUpdate("e1", success("job-404", "m-00000.1"));
        h.manager.taskUpdate("e1", failure("job-404", "m-00000.1"));

        assertThat(h.status()).isEqualTo(before);
        assertThat(h.manager.jobs()).containsExactly(before);
        assertThat(h.dispatcher.launches).hasSize(2);
        h.succeedMap("m-00000.1");
        h.succeedMap("m-00001.1");
        h.succeedReduce("r-00000.1");
        h.listener.assertEndedWith(job, JobStatus.State.SUCCEEDED);
    }

    @Test
    void updatesOfAnAttemptThatAlreadyEndedAreIgnored() throws Exception {
        String job = h.submit(2, 1);
        h.fail("m-00000.1", "first", true);
        assertThat(h.dispatcher.launchedSince(2)).as("it waits for e2, where it has not failed").isEmpty();
        h.succeedMap("m-00001.1");
        assertThat(h.dispatcher.launchedSince(2)).containsExactly("m-00000.2@e2");

        h.succeedMap("m-00000.1"); // a late success of the failed attempt does not finish the task
        for (int i = 0; i < 5; i++) {
            h.fail("m-00000.1", "repeated", true); // nor do repeats count as failures
        }
        h.report("m-00000.1", State.KILLED);

        assertThat(h.status().getState()).isEqualTo(JobStatus.State.RUNNING);
        assertThat(h.status().getProgress().getMapsDone()).isEqualTo(1);
        assertThat(h.dispatcher.launches).hasSize(3);
        h.succeedMap("m-00000.2");
        assertThat(h.launch("r-00000.1").assignment().getReduce().getMapOutputsList())
                .extracting(l -> l.getAttemptId()).containsExactly("m-00000.2", "m-00001.1");
        h.succeedReduce("r-00000.1");
        h.succeedMap("m-00000.2"); // and after the job ended, nothing changes
        assertThat(h.listener.assertEndedWith(job, JobStatus.State.SUCCEEDED)).isEqualTo(h.status());
    }

    private static TaskUpdate success(String job, String attempt) {
        return TaskUpdate.newBuilder().setJobId(job).setAttemptId(attempt).setState(State.SUCCEEDED)
                .setResult(TaskResult.newBuilder().addCounters(counter("records", 99)).setPartFile("/nonexistent")).build();
    }

    private static TaskUpdate failure(String job, String attempt) {
        return TaskUpdate.newBuilder().setJobId(job).setAttemptId(attempt).setState(State.FAILED)
                .setError(Errors.of(Error.Code.INTERNAL, "stale", false)).build();
    }
}
