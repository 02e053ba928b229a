package dev.quern.workflow;

import static java.util.Objects.requireNonNull;

import dev.quern.api.Job;
import dev.quern.client.JobHandle;
import dev.quern.client.QuernClient;
import dev.quern.jar.JobJar;
import dev.quern.job.JobSpecs;
import dev.quern.proto.Error;
import dev.quern.proto.JobSpec;
import dev.quern.proto.JobStatus;
import dev.quern.wire.Errors;
import dev.quern.wire.QuernException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Submits through a connected {@link QuernClient}; a job that runs longer than {@code timeout} is a
 * timeout. With a {@link JobJar}, every job's classes come from that jar: it is uploaded (once: the
 * cluster keeps it by hash) before the first job is submitted.
 */
public final class ClientSubmitter implements JobSubmitter {

    private final QuernClient client;
    private final Duration timeout;
    private final JobJar jar; // null: the classes are on the daemons' classpath

    public ClientSubmitter(QuernClient client, Duration timeout) {
        this(client, timeout, null);
    }

    public ClientSubmitter(QuernClient client, Duration timeout, JobJar jar) {
        this.client = requireNonNull(client, "client is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.jar = jar;
    }

    @Override
    public Submission submit(Job job, Consumer<JobStatus> onStatus) throws InterruptedException {
        JobSpec spec = JobSpecs.toSpec(job);
        if (jar != null) {
            try {
                client.upload(jar); // a look-up when the cluster has it already
            } catch (IOException e) {
                throw new QuernException(Errors.of(Error.Code.IO_ERROR, "cannot upload job jar " + jar.path() + ": " + e.getMessage(), true));
            }
            spec = jar.stamp(spec);
        }
        JobHandle handle = client.submit(spec, onStatus);
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
