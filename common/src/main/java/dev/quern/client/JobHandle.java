package dev.quern.client;

import dev.quern.proto.JobStatus;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A submitted job being watched: its id and its final status to come. */
public final class JobHandle {

    private final String jobId;
    private final CompletableFuture<JobStatus> done;

    /** {@code done} completes with the final status, or fails when the client cannot follow the job any more. */
    JobHandle(String jobId, CompletableFuture<JobStatus> done) {
        this.jobId = jobId;
        this.done = done;
    }

    public String jobId() {
        return jobId;
    }

    /** Waits for the job to end and returns its final status (SUCCEEDED, FAILED or KILLED). */
    public JobStatus await(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }
}
