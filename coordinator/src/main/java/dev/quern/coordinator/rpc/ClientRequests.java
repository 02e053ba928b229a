package dev.quern.coordinator.rpc;

import dev.quern.coordinator.job.JobListener;
import dev.quern.proto.Error;
import dev.quern.proto.JobSpec;
import dev.quern.proto.JobStatus;
import java.util.List;
import java.util.function.Consumer;

/**
 * What clients may ask of the coordinator. Replies come through callbacks because the coordinator
 * answers from its own event-loop thread.
 */
public interface ClientRequests {

    void submit(JobSpec spec, JobListener listener, Consumer<Error> refused);

    void status(String jobId, Consumer<JobStatus> found, Consumer<Error> refused);

    void kill(String jobId, Consumer<JobStatus> killed, Consumer<Error> refused);

    /** Every job the leader knows, in submit order. */
    void list(Consumer<List<JobStatus>> jobs, Consumer<Error> refused);

    /** The job's status now, then every change until it ends, all to {@code listener}. */
    void watch(String jobId, JobListener listener, Consumer<Error> refused);
}
