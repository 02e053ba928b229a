package dev.quern.coordinator.job;

import dev.quern.proto.JobSpec;

/** Gives each job a cluster-unique id, recording its spec (the coordinator's is a sequential znode). */
@FunctionalInterface
public interface JobIds {
    String next(JobSpec spec) throws Exception;
}
