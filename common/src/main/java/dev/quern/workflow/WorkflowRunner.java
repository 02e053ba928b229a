package dev.quern.workflow;

import static java.util.Objects.requireNonNull;

import dev.quern.api.Workflow;
import dev.quern.wire.QuernException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Runs a workflow's steps one at a time, in order (see the package documentation for the rules). A
 * step starts only once every step it depends on SUCCEEDED or was SKIPPED; after the first step that
 * did neither, nothing more is submitted and the remaining steps are NOT_RUN. Output is never deleted:
 * an incomplete output directory is an error for the user to resolve.
 *
 * <pre>{@code
 * WorkflowResult result = new WorkflowRunner(new ClientSubmitter(client, timeout), listener).run(workflow);
 * }</pre>
 */
public final class WorkflowRunner {

    private final JobSubmitter submitter;
    private final WorkflowListener listener;

    public WorkflowRunner(JobSubmitter submitter, WorkflowListener listener) {
        this.submitter = requireNonNull(submitter, "submitter is null");
        this.listener = requireNonNull(listener, "listener is null");
    }

    /** Runs the workflow to its end or its first failure. Interrupted: stops waiting, the job runs on. */
    public WorkflowResult run(Workflow workflow) throws InterruptedException {
        List<StepResult> results = new ArrayList<>();
        Map<String, StepResult> byName = new HashMap<>();
        String stopped = null;
        for (Workflow.Step step : workflow.steps()) {
            StepResult result;
            Optional<StepResult> unmet = step.after().stream().map(byName::get).filter(d -> d == null || !d.ok()).findFirst();
            if (stopped != null) {
                result = StepResult.notRun(step, stopped);
            } else if (unmet.isPresent()) {
                // Unreachable while the first failure stops the run; kept so the rule does not depend on that.
                result = StepResult.notRun(step, "it depends on '" + unmet.get().name() + "', which did not succeed");
            } else {
                result = runStep(step);
            }
            if (!result.ok() && stopped == null) {
                stopped = "step '" + step.job().name() + "' " + result.outcome();
            }
            results.add(result);
            byName.put(step.job().name(), result);
            listener.ended(result);
        }
        return new WorkflowResult(workflow, results);
    }

    private StepResult runStep(Workflow.Step step) throws InterruptedException {
        switch (OutputState.of(step.job().output())) {
            case COMPLETE:
                return StepResult.skipped(step);
            case INCOMPLETE:
                return StepResult.refused(step, Optional.empty(), OutputState.incompleteMessage(step.job().output()));
            case ABSENT:
                break;
        }
        Announcer announcer = new Announcer(step);
        JobSubmitter.Submission submission;
        try {
            submission = submitter.submit(step.job(), status -> {
                announcer.started(status.getJobId());
                listener.status(step, status);
            });
        } catch (QuernException e) {
            return StepResult.refused(step, Optional.empty(), "job '" + step.job().name() + "' refused: " + e.error().getMessage());
        } catch (RuntimeException e) {
            // Not a refusal of the job (a lost connection, a cluster that would not start): the run fails.
            return failed(step, Optional.empty(), "job '" + step.job().name() + "' could not be submitted: " + e);
        }
        announcer.started(submission.jobId());
        try {
            return StepResult.ended(step, submission.await());
        } catch (TimeoutException e) {
            return failed(step, Optional.of(submission.jobId()), "job " + submission.jobId() + " did not end in time: " + e.getMessage());
        } catch (RuntimeException e) {
            return failed(step, Optional.of(submission.jobId()), "lost track of job " + submission.jobId() + ": " + e.getMessage());
        }
    }

    private static StepResult failed(Workflow.Step step, Optional<String> jobId, String reason) {
        return new StepResult(step, StepResult.Outcome.FAILED, jobId, Optional.empty(), reason);
    }

    /** Tells the listener a step started exactly once: from the submit's reply or the job's first status, whichever comes first. */
    private final class Announcer {
        private final Workflow.Step step;
        private boolean announced;

        Announcer(Workflow.Step step) {
            this.step = step;
        }

        synchronized void started(String jobId) {
            if (!announced) {
                announced = true;
                listener.started(step, jobId);
            }
        }
    }
}
