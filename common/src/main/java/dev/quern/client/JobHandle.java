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

    JobHandle(String jobId, CompletableFuture<JobStatus> done, CompletableFuture<Void> connectionClosed) {
        this.jobId = jobId;
        this.done = done;
        connectionClosed.thenRun(() -> done.completeExceptionally(
                new IllegalStateException("connection to the coordinator closed before job " + jobId + " ended")));
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
