package dev.quern.executor.reduce;

import dev.quern.proto.FetchFailed;

/** What the copy phase tells the rest of its attempt: segments copied, and map outputs it cannot fetch. */
public interface CopyListener {

    /** Does nothing: for tests of the copy alone. */
    CopyListener NONE = new CopyListener() {
        @Override public void copied(int held, int totalMaps) { }
        @Override public void fetchFailed(int mapIndex, String mapAttemptId, FetchFailed.Reason reason, String message) { }
    };

    /** A segment (or an empty one) of {@code held} of the {@code totalMaps} maps is now held. */
    void copied(int held, int totalMaps);

    /**
     * The output of map attempt {@code mapAttemptId} could not be fetched after the copier's tries (at
     * once when it is corrupt). The copier keeps trying it, less often, until the leader names a
     * replacement; the leader decides when to rerun the map (see the coordinator's FetchFailures).
     */
    void fetchFailed(int mapIndex, String mapAttemptId, FetchFailed.Reason reason, String message);
}
