package dev.quern.workflow;

import dev.quern.api.Job;
import dev.quern.proto.JobStatus;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/** Where a {@link WorkflowRunner} sends its jobs: a cluster, or a fake in tests. */
public interface JobSubmitter {

    /**
     * Submits {@code job}. {@code onStatus} receives every status of the job, on any thread, the last one
     * with a final state.
     *
     * @throws dev.quern.wire.QuernException when the cluster refuses the job (its error names why)
     */
    Submission submit(Job job, Consumer<JobStatus> onStatus) throws InterruptedException;

    /** A job the cluster accepted. */
    interface Submission {

        String jobId();

        /** Waits for the job's final status (SUCCEEDED, FAILED or KILLED). */
        JobStatus await() throws InterruptedException, TimeoutException;
    }
}
