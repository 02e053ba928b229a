package dev.quern.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.api.Context;
import dev.quern.api.Job;
import dev.quern.api.Mapper;
import dev.quern.api.Workflow;
import dev.quern.proto.JobStatus;
import dev.quern.workflow.FakeSubmitter.Behaviour;
import dev.quern.workflow.StepResult.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's rules, with a fake cluster behind {@link JobSubmitter} and real directories. */
class WorkflowRunnerTest {

    @TempDir
    Path dir;

    static final class NoMapper extends Mapper<Long, String, String, Long> {
        @Override
        public void map(Long offset, String line, Context<String, Long> context) {}
    }

    private Job job(String name, Path input) {
        return Job.builder(name).input(input).mapper(NoMapper.class).mapOutput(String.class, Long.class)
                .output(dir.resolve(name)).build();
    }

    /** a -> b -> c, each reading the previous one's output. */
    private Workflow chain() throws Exception {
        Job a = job("a", Files.writeString(dir.resolve("in.txt"), "x\n"));
        Job b = job("b", a.output());
        Job c = job("c", b.output());
        return Workflow.builder("chain").step(a).step(b, a).step(c, b).build();
    }

    /** Writes every event as a line, to check their order. */
    private static final class Recorder implements WorkflowListener {
        final List<String> events = new ArrayList<>();

        @Override
        public synchronized void started(Workflow.Step step, String jobId) {
            events.add("started " + step.job().name() + " " + jobId);
        }

        @Override
        public synchronized void status(Workflow.Step step, JobStatus status) {
            events.add("status " + step.job().name() + " " + status.getState());
        }

        @Override
        public synchronized void ended(StepResult result) {
            events.add("ended " + result.name() + " " + result.outcome());
        }
    }

    private static List<Outcome> outcomes(WorkflowResult r) {
        return r.steps().stream().map(StepResult::outcome).toList();
    }

    @Test
    void aChainRunsInOrderAndEveryStepIsReported() throws Exception {
        FakeSubmitter cluster = new FakeSubmitter();
        Recorder events = new Recorder();
        WorkflowResult result = new WorkflowRunner(cluster, events).run(chain());

        assertThat(result.succeeded()).isTrue();
        assertThat(result.firstFailure()).isEmpty();
        assertThat(cluster.submitted).containsExactly("a", "b", "c");
        assertThat(outcomes(result)).containsExactly(Outcome.SUCCEEDED, Outcome.SUCCEEDED, Outcome.SUCCEEDED);
        assertThat(result.steps()).extracting(s -> s.jobId().orElseThrow()).containsExactly("job-1", "job-2", "job-3");
        assertThat(result.steps().get(1).status().orElseThrow().getState()).isEqualTo(JobStatus.State.SUCCEEDED);
        // The fake pushes a status before its submit returns: "started" still comes first, once.
        assertThat(events.events).containsExactly(
                "started a job-1", "status a RUNNING", "status a SUCCEEDED", "ended a SUCCEEDED",
                "started b job-2", "status b RUNNING", "status b SUCCEEDED", "ended b SUCCEEDED",
                "started c job-3", "status c RUNNING", "status c SUCCEEDED", "ended c SUCCEEDED");
    }

    @Test
    void aStepWhoseOutputIsCompleteIsSkippedWithoutASubmit() throws Exception {
        Workflow flow = chain();
        Files.createDirectories(dir.resolve("a"));
        Files.createFile(dir.resolve("a/_SUCCESS"));
        FakeSubmitter cluster = new FakeSubmitter();
        Recorder events = new Recorder();
        WorkflowResult result = new WorkflowRunner(cluster, events).run(flow);

        assertThat(outcomes(result)).containsExactly(Outcome.SKIPPED, Outcome.SUCCEEDED, Outcome.SUCCEEDED);
        assertThat(result.succeeded()).isTrue();
        assertThat(cluster.submitted).containsExactly("b", "c");
        assertThat(result.steps().get(0).jobId()).isEmpty();
        assertThat(result.steps().get(0).reason()).contains(dir.resolve("a").toString()).contains("_SUCCESS");
        assertThat(events.events.get(0)).isEqualTo("ended a SKIPPED");
    }

    @Test
    void anIncompleteOutputIsAnErrorNamingItAndIsLeftUntouched() throws Exception {
        Workflow flow = chain();
        Path b = Files.createDirectories(dir.resolve("b"));
        Files.writeString(b.resolve("part-r-00000"), "half\n");
        FakeSubmitter cluster = new FakeSubmitter();
        WorkflowResult result = new WorkflowRunner(cluster, WorkflowListener.NONE).run(flow);

        assertThat(outcomes(result)).containsExactly(Outcome.SUCCEEDED, Outcome.REFUSED, Outcome.NOT_RUN);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.firstFailure().orElseThrow().name()).isEqualTo("b");
        assertThat(result.steps().get(1).reason()).contains("output directory " + b + " already exists").contains("_SUCCESS");
        assertThat(result.steps().get(2).reason()).isEqualTo("step 'b' REFUSED");
        assertThat(cluster.submitted).containsExactly("a");
        try (var files = Files.list(b)) {
            assertThat(files).containsExactly(b.resolve("part-r-00000"));
        }
        assertThat(Files.readString(b.resolve("part-r-00000"))).isEqualTo("half\n");
    }

    @Test
    void theFirstFailureStopsTheRun() throws Exception {
        FakeSubmitter cluster = new FakeSubmitter().when("b", Behaviour.FAIL);
        Recorder events = new Recorder();
        WorkflowResult result = new WorkflowRunner(cluster, events).run(chain());

        assertThat(outcomes(result)).containsExactly(Outcome.SUCCEEDED, Outcome.FAILED, Outcome.NOT_RUN);
        assertThat(cluster.submitted).containsExactly("a", "b");
        StepResult b = result.steps().get(1);
        assertThat(b.jobId()).contains("job-2");
        assertThat(b.reason()).isEqualTo("job job-2 FAILED: task m-00000 failed 4 attempts: probe");
        assertThat(b.status().orElseThrow().getState()).isEqualTo(JobStatus.State.FAILED);
        assertThat(result.steps().get(2).reason()).isEqualTo("step 'b' FAILED");
        assertThat(events.events).endsWith("ended b FAILED", "ended c NOT_RUN");
    }

    @Test
    void rerunAfterAFailureRunsOnlyWhatIsMissing() throws Exception {
        Workflow flow = chain();
        WorkflowResult first = new WorkflowRunner(new FakeSubmitter().when("b", Behaviour.FAIL), WorkflowListener.NONE).run(flow);
        assertThat(first.succeeded()).isFalse();

        FakeSubmitter cluster = new FakeSubmitter();
        WorkflowResult second = new WorkflowRunner(cluster, WorkflowListener.NONE).run(flow);
        assertThat(outcomes(second)).containsExactly(Outcome.SKIPPED, Outcome.SUCCEEDED, Outcome.SUCCEEDED);
        assertThat(cluster.submitted).containsExactly("b", "c");

        FakeSubmitter idle = new FakeSubmitter();
        WorkflowResult third = new WorkflowRunner(idle, WorkflowListener.NONE).run(flow);
        assertThat(outcomes(third)).containsOnly(Outcome.SKIPPED);
        assertThat(third.succeeded()).isTrue();
        assertThat(idle.submitted).isEmpty();
    }

    @Test
    void aRefusedSubmitIsReportedWithTheClustersReason() throws Exception {
        FakeSubmitter cluster = new FakeSubmitter().when("a", Behaviour.REFUSE);
        WorkflowResult result = new WorkflowRunner(cluster, WorkflowListener.NONE).run(chain());

        assertThat(outcomes(result)).containsExactly(Outcome.REFUSED, Outcome.NOT_RUN, Outcome.NOT_RUN);
        assertThat(result.steps().get(0).reason()).isEqualTo("job 'a' refused: mapper class com.example.Missing was not found");
        assertThat(result.steps().get(0).jobId()).isEmpty();
        assertThat(cluster.submitted).isEmpty();
    }

    @Test
    void aJobThatDoesNotEndInTimeOrIsLostFailsTheStep() throws Exception {
        WorkflowResult late = new WorkflowRunner(new FakeSubmitter().when("a", Behaviour.TIME_OUT), WorkflowListener.NONE).run(chain());
        assertThat(outcomes(late)).containsExactly(Outcome.FAILED, Outcome.NOT_RUN, Outcome.NOT_RUN);
        assertThat(late.steps().get(0).reason()).contains("job job-1 did not end in time");
        assertThat(late.steps().get(0).jobId()).contains("job-1");

        WorkflowResult lost = new WorkflowRunner(new FakeSubmitter().when("b", Behaviour.LOSE_CONNECTION), WorkflowListener.NONE)
                .run(Workflow.of(job("b", dir.resolve("in.txt"))));
        assertThat(outcomes(lost)).containsExactly(Outcome.FAILED);
        assertThat(lost.steps().get(0).reason()).contains("lost track of job job-1").contains("connection to the coordinator closed");
    }

    @Test
    void aDiamondRunsEachStepAfterItsDependencies() throws Exception {
        Path in = Files.writeString(dir.resolve("in.txt"), "x\n");
        Job a = job("a", in);
        Job b = job("b", a.output());
        Job c = job("c", a.output());
        Job d = Job.builder("d").input(b.output(), c.output()).mapper(NoMapper.class).mapOutput(String.class, Long.class)
                .output(dir.resolve("d")).build();
        Workflow flow = Workflow.builder("diamond").step(a).step(b, a).step(c, a).step(d, b, c).build();

        FakeSubmitter cluster = new FakeSubmitter().when("c", Behaviour.FAIL);
        WorkflowResult result = new WorkflowRunner(cluster, WorkflowListener.NONE).run(flow);
        assertThat(outcomes(result)).containsExactly(Outcome.SUCCEEDED, Outcome.SUCCEEDED, Outcome.FAILED, Outcome.NOT_RUN);
        assertThat(result.count(Outcome.SUCCEEDED)).isEqualTo(2);

        FakeSubmitter again = new FakeSubmitter();
        assertThat(outcomes(new WorkflowRunner(again, WorkflowListener.NONE).run(flow)))
                .containsExactly(Outcome.SKIPPED, Outcome.SKIPPED, Outcome.SUCCEEDED, Outcome.SUCCEEDED);
        assertThat(again.submitted).containsExactly("c", "d");
    }
}
