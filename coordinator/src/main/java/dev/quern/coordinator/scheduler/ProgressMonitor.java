package dev.quern.coordinator.scheduler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds attempts whose progress has stopped: a hung user function, or an executor that is alive to
 * ZooKeeper but no longer works. An attempt's clock starts at its launch and restarts at every
 * progress change; one that is {@linkplain Live#waiting() waiting} by design (a reduce whose job
 * still has maps to finish) counts as moving. Time comes from the caller (the leader's injected
 * Clock), so tests drive it.
 *
 * <p>Not thread-safe: the leader's event loop owns it.
 */
public final class ProgressMonitor {

    /** A live attempt; {@code key} names it uniquely on the leader (job and attempt id). */
    public record Live(String key, long startedMillis, boolean waiting) {}

    private record Mark(float progress, long sinceMillis) {}

    private final Map<String, Mark> marks = new HashMap<>();

    /** The attempt reported {@code progress}; only a change restarts its clock. */
    public void progressed(String key, float progress, long nowMillis) {
        Mark mark = marks.get(key);
        if (mark == null || mark.progress() != progress) {
            marks.put(key, new Mark(progress, nowMillis));
        }
    }

    /** The attempts among {@code live} that have not moved for longer than {@code timeoutMillis}. */
    public List<String> stalled(List<Live> live, long timeoutMillis, long nowMillis) {
        List<String> stalled = new ArrayList<>();
        for (Live a : live) {
            Mark mark = marks.get(a.key());
            if (a.waiting()) {
                marks.put(a.key(), new Mark(mark == null ? -1 : mark.progress(), nowMillis));
                continue;
            }
            long since = mark == null ? a.startedMillis() : Math.max(mark.sinceMillis(), a.startedMillis());
            if (nowMillis - since > timeoutMillis) {
                stalled.add(a.key());
            }
        }
        return stalled;
    }

    /** Forgets every attempt not in {@code live} (ended ones), so the marks do not grow. */
    public void retain(Set<String> live) {
        marks.keySet().retainAll(live);
    }
}
