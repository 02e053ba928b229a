package dev.quern.workflow;

import dev.quern.api.Workflow;
import dev.quern.proto.JobStatus;

/**
 * Hears how a workflow run goes. For a step that is submitted: {@code started}, then {@code status}
 * zero or more times (possibly on another thread), then {@code ended}; for any other step only
 * {@code ended}. Every step gets exactly one {@code ended}, in the workflow's order.
 */
public interface WorkflowListener {

    WorkflowListener NONE = new WorkflowListener() {};

    /** The cluster accepted the step's job; always before that job's first {@link #status}. */
    default void started(Workflow.Step step, String jobId) {}

    /** A status change of the step's job. */
    default void status(Workflow.Step step, JobStatus status) {}

    /** The step's outcome: succeeded, skipped, failed, refused or not run. */
    default void ended(StepResult result) {}
}
