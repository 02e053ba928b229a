package dev.quern.coordinator.job;

import dev.quern.coordinator.scheduler.Scheduler;
import dev.quern.proto.ExecutorInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The executors the leader can place attempts on, and how many of each one's slots are taken. An
 * executor that refused a launch (not connected) stays known, so that its reports still count and
 * its loss is still handled, but gets no attempts until it says hello again.
 */
final class ExecutorPool {

    private final Map<String, ExecutorInfo> executors = new TreeMap<>();
    private final Set<String> unreachable = new HashSet<>();
    private final Map<String, Integer> busy = new HashMap<>();

    void ready(ExecutorInfo info) {
        executors.put(info.getExecutorId(), info);
        unreachable.remove(info.getExecutorId());
        busy.putIfAbsent(info.getExecutorId(), 0);
    }

    /** Forgets an executor; empty if it was not known, else how many attempts it was running. */
    Optional<Integer> lost(String id) {
        unreachable.remove(id);
        Integer running = busy.remove(id);
        return executors.remove(id) == null ? Optional.empty() : Optional.of(running == null ? 0 : running);
    }

    Optional<ExecutorInfo> info(String id) {
        return Optional.ofNullable(executors.get(id));
    }

    List<String> ids() {
        return List.copyOf(executors.keySet());
    }

    void unreachable(String id) {
        unreachable.add(id);
    }

    boolean isUnreachable(String id) {
        return unreachable.contains(id);
    }

    Set<String> unreachable() {
        return Set.copyOf(unreachable);
    }

    void took(String id) {
        busy.merge(id, 1, Integer::sum);
    }

    void released(String id) {
        busy.computeIfPresent(id, (e, n) -> Math.max(0, n - 1));
    }

    /** Free slots of every reachable executor, for the scheduler. */
    List<Scheduler.FreeSlots> freeSlots() {
        List<Scheduler.FreeSlots> free = new ArrayList<>();
        executors.forEach((id, info) -> {
            if (!unreachable.contains(id)) {
                free.add(new Scheduler.FreeSlots(id, info.getSlots() - busy.getOrDefault(id, 0)));
            }
        });
        return free;
    }
}
