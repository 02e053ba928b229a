package dev.quern.coordinator.control;

import dev.quern.proto.ExecutorInfo;
import dev.quern.proto.FetchFailed;
import dev.quern.proto.HelloAck;
import dev.quern.proto.TaskUpdate;

/** What the control connections tell the coordinator; called on Netty threads. */
public interface ControlEvents {

    /** The executor answered hello (what it runs, what it holds): it can take attempts. */
    void ready(ExecutorInfo executor, HelloAck ack);

    void update(String executorId, TaskUpdate update);

    /** A reduce attempt on the executor could not fetch a map output. */
    void fetchFailed(String executorId, FetchFailed report);
}
