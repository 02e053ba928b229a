package dev.quern.coordinator.job;

import dev.quern.proto.MapOutputsAvailable;
import dev.quern.proto.TaskAssignment;

/** How the job manager reaches executors: a small interface so its logic is tested without sockets. */
public interface Dispatcher {

    /** Sends the attempt to the executor; false when the executor cannot be reached now. */
    boolean launch(String executorId, TaskAssignment assignment);

    /** Stops an attempt; with an empty {@code attemptId}, stops the job there and deletes its files. */
    void kill(String executorId, String jobId, String attemptId);

    /** Tells a running reduce attempt on the executor of map outputs (new, or gone); dropped if not connected. */
    void mapOutputs(String executorId, MapOutputsAvailable message);
}
