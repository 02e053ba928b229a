package dev.quern.workflow;

import static java.util.Objects.requireNonNull;

import dev.quern.api.Job;
import dev.quern.client.JobHandle;
import dev.quern.client.QuernClient;
import dev.quern.job.JobSpecs;
import dev.quern.proto.JobStatus;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/** Submits through a connected {@link QuernClient}; a job that runs longer than {@code timeout} is a timeout. */
public final class ClientSubmitter implements JobSubmitter {

    private final QuernClient client;
    private final Duration timeout;

    public ClientSubmitter(QuernClient client, Duration timeout) {
        this.client = requireNonNull(client, "client is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
    }

    @Override
    public Submission submit(Job job, Consumer<JobStatus> onStatus) throws InterruptedException {
        JobHandle handle = client.submit(JobSpecs.toSpec(job), onStatus);
        return new Submission() {
            @Override
            public String jobId() {
                return handle.jobId();
            }

            @Override
            public JobStatus await() throws InterruptedException, TimeoutException {
                return handle.await(timeout);
            }
        };
    }
}
