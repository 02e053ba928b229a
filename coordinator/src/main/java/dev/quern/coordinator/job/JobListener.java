package dev.quern.coordinator.job;

import dev.quern.proto.JobStatus;

/** Follows one job for a client: its id once accepted, then every change of its status. */
public interface JobListener {

    void accepted(String jobId);

    /** A changed status; the last one has a final state. */
    void status(JobStatus status);
}
