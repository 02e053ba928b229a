package dev.quern.executor.reduce;

import dev.quern.proto.FetchFailed;

/** Sends a reduce attempt's {@link FetchFailed} report to the leader; may be called on any thread. */
@FunctionalInterface
public interface FetchFailureReporter {
    void report(FetchFailed report);
}
