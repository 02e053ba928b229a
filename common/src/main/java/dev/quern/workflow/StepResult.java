package dev.quern.workflow;

import static java.util.Objects.requireNonNull;

import dev.quern.api.Workflow;
import dev.quern.proto.JobStatus;
import java.util.Optional;

/**
 * What became of one step of a workflow.
 *
 * @param step the step
 * @param outcome what happened to it
 * @param jobId the id of its job, when one was submitted
 * @param status the job's final status, when it ended
 * @param reason why it was skipped, refused, failed or not run; empty when it succeeded
 */
public record StepResult(Workflow.Step step, Outcome outcome, Optional<String> jobId, Optional<JobStatus> status, String reason) {

    /** A step's outcome. */
    public enum Outcome {
        /** Its job ran and succeeded. */
        SUCCEEDED,
        /** Its output was already complete: no job was submitted. */
        SKIPPED,
        /** Its job ran and ended FAILED or KILLED, or did not end in time. */
        FAILED,
        /** It could not start: its output directory was in the way, or the cluster refused the job. */
        REFUSED,
        /** An earlier step did not succeed, so it was never submitted. */
        NOT_RUN
    }

    public StepResult {
        requireNonNull(step, "step is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(jobId, "jobId is null");
        requireNonNull(status, "status is null");
        requireNonNull(reason, "reason is null");
    }

    public String name() {
        return step.job().name();
    }

    /** SUCCEEDED or SKIPPED: the steps after it may run. */
    public boolean ok() {
        return outcome == Outcome.SUCCEEDED || outcome == Outcome.SKIPPED;
    }

    static StepResult skipped(Workflow.Step step) {
        return new StepResult(step, Outcome.SKIPPED, Optional.empty(), Optional.empty(),
                step.job().output().toAbsolutePath() + " is complete (" + OutputState.SUCCESS_MARKER + " exists)");
    }

    static StepResult refused(Workflow.Step step, Optional<String> jobId, String reason) {
        return new StepResult(step, Outcome.REFUSED, jobId, Optional.empty(), reason);
    }

    static StepResult notRun(Workflow.Step step, String reason) {
        return new StepResult(step, Outcome.NOT_RUN, Optional.empty(), Optional.empty(), reason);
    }

    static StepResult ended(Workflow.Step step, JobStatus end) {
        boolean ok = end.getState() == JobStatus.State.SUCCEEDED;
        return new StepResult(step, ok ? Outcome.SUCCEEDED : Outcome.FAILED, Optional.of(end.getJobId()), Optional.of(end),
                ok ? "" : "job " + end.getJobId() + " " + end.getState() + ": " + end.getError().getMessage());
    }
}
