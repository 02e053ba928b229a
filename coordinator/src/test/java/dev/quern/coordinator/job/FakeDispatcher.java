package dev.quern.coordinator.job;

import dev.quern.proto.MapOutputsAvailable;
import dev.quern.proto.TaskAssignment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Records what the job manager sends; an executor can be made unreachable, so its launches are refused. */
final class FakeDispatcher implements Dispatcher {

    record Launch(String executorId, TaskAssignment assignment) {
        String attemptId() {
            return assignment.getAttemptId();
        }

        /** {@code m-00000.1@e1}: short enough to compare whole launch histories. */
        @Override
        public String toString() {
            return attemptId() + "@" + executorId;
        }
    }

    record Kill(String executorId, String jobId, String attemptId) {}

    record Notice(String executorId, MapOutputsAvailable message) {}

    final List<Launch> launches = new ArrayList<>();
    final List<Launch> refused = new ArrayList<>();
    final List<Kill> kills = new ArrayList<>();
    final List<Notice> notices = new ArrayList<>();
    private final Set<String> unreachable = new HashSet<>();

    void unreachable(String executorId) {
        unreachable.add(executorId);
    }

    void reachable(String executorId) {
        unreachable.remove(executorId);
    }

    @Override
    public boolean launch(String executorId, TaskAssignment assignment) {
        Launch launch = new Launch(executorId, assignment);
        if (unreachable.contains(executorId)) {
            refused.add(launch);
            return false;
        }
        launches.add(launch);
        return true;
    }

    @Override
    public void kill(String executorId, String jobId, String attemptId) {
        kills.add(new Kill(executorId, jobId, attemptId));
    }

    @Override
    public void mapOutputs(String executorId, MapOutputsAvailable message) {
        if (!unreachable.contains(executorId)) {
            notices.add(new Notice(executorId, message));
        }
    }

    /** Every accepted launch so far, as {@code attempt@executor}. */
    List<String> launched() {
        return launches.stream().map(Launch::toString).toList();
    }

    /** Accepted launches after the first {@code from}. */
    List<String> launchedSince(int from) {
        return launched().subList(from, launches.size());
    }

    /** Kills of single attempts, as {@code attempt@executor} (job-wide cleanups have no attempt). */
    List<String> attemptKills() {
        return kills.stream().filter(k -> !k.attemptId().isEmpty()).map(k -> k.attemptId() + "@" + k.executorId()).toList();
    }
}
