package dev.quern.coordinator.job;

import dev.quern.proto.FetchFailed;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts the fetch failures reducers report against each map attempt of one job, and says when the
 * map must run again: after {@link #REPORTS_TO_RERUN} reports against the same map attempt (a
 * network hiccup at one reducer does not throw away a good output), or at the first report when the
 * output is corrupt (it does not heal) or its executor is gone (nothing can serve it).
 *
 * <p>Not thread-safe: the leader's event loop owns it.
 */
final class FetchFailures {

    static final int REPORTS_TO_RERUN = 3;

    private final Map<String, Integer> reports = new HashMap<>();

    /** Counts {@code report}; true when the map attempt it names must be replaced by a new one. */
    boolean rerunNeeded(FetchFailed report, boolean executorAlive) {
        int n = reports.merge(report.getMapAttemptId(), 1, Integer::sum);
        return !executorAlive || report.getReason() == FetchFailed.Reason.CORRUPT || n >= REPORTS_TO_RERUN;
    }

    /** How many reports name {@code mapAttemptId} so far. */
    int count(String mapAttemptId) {
        return reports.getOrDefault(mapAttemptId, 0);
    }
}
