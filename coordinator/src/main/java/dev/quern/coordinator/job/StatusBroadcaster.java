package dev.quern.coordinator.job;

import dev.quern.proto.JobStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends each job's status to its listeners when it changes (state or task counts, not progress
 * fractions), and the final status once, after which the job's listeners are dropped.
 */
final class StatusBroadcaster {

    private final Map<String, List<JobListener>> listeners = new HashMap<>();
    private final Map<String, JobStatus> lastSent = new HashMap<>();

    void add(String jobId, JobListener listener) {
        listeners.computeIfAbsent(jobId, j -> new ArrayList<>()).add(listener);
    }

    void publish(JobStatus now) {
        String jobId = now.getJobId();
        JobStatus before = lastSent.get(jobId);
        if (before != null && before.getState() == now.getState() && before.getProgress().equals(now.getProgress())) {
            return;
        }
        boolean last = now.getState() != JobStatus.State.RUNNING;
        List<JobListener> targets = last ? listeners.remove(jobId) : listeners.getOrDefault(jobId, List.of());
        if (last) {
            lastSent.remove(jobId);
        } else {
            lastSent.put(jobId, now);
        }
        if (targets != null) {
            targets.forEach(l -> l.status(now));
        }
    }
}
