package dev.quern.coordinator.control;

import dev.quern.proto.ExecutorInfo;
import dev.quern.proto.FetchFailed;
import dev.quern.proto.TaskUpdate;

/** What the control connections tell the coordinator; called on Netty threads. */
public interface ControlEvents {

    /** The executor answered hello: it can take attempts. */
    void ready(ExecutorInfo executor, java.util.List<String> runningAttempts);

    void update(String executorId, TaskUpdate update);

    /** A reduce attempt on the executor could not fetch a map output. */
    void fetchFailed(String executorId, FetchFailed report);
}
