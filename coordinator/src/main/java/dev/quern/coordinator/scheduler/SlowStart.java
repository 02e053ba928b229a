package dev.quern.coordinator.scheduler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * When reduces may start before every map is done, and which reduce attempts give their slot back.
 * Pure functions of their inputs, like {@link Scheduler#decide}.
 *
 * <p>A reduce cannot finish before the last map does, so a reduce that starts early holds a slot
 * while it waits. Two rules keep that from starving the maps it waits for:
 * <ul>
 *   <li>An early reduce takes only a slot that no map is waiting for: it is runnable only while no
 *       map task of any running job is pending (and once its job's slow-start fraction is done).
 *   <li>A map that becomes pending later (a failed map, or one whose output was lost) may find every
 *       slot taken. Then the youngest reduce attempts of its own job that wait for maps are preempted
 *       (killed and requeued, not counted as failures), one per map that found no slot. The youngest
 *       has fetched the least.
 * </ul>
 * Once every map of a job is done its reduces are runnable whatever else waits, as before slow start.
 */
public final class SlowStart {

    /** A running reduce attempt of a job whose maps are not all done; {@code launchOrder} grows with each launch. */
    public record WaitingReduce(String attemptId, long launchOrder) {}

    /** A running job as preemption sees it: its maps waiting for a slot and its reduces waiting for maps. */
    public record Job(String jobId, int pendingMaps, List<WaitingReduce> waitingReduces) {}

    /** A reduce attempt to kill and requeue. */
    public record Preemption(String jobId, String attemptId) {}

    private SlowStart() {}

    /**
     * Whether a job's pending reduces may be placed now.
     *
     * @param slowstart the fraction of maps that must be done first, 0 to 1
     * @param anyMapPending whether a map task of any running job is waiting for a slot
     */
    public static boolean reducesRunnable(double slowstart, int mapsDone, int mapsTotal, boolean anyMapPending) {
        if (mapsDone >= mapsTotal) {
            return true;
        }
        return !anyMapPending && mapsDone >= mapsRequired(slowstart, mapsTotal);
    }

    /** The maps that must be done before reduces start early: {@code ceil(slowstart × mapsTotal)}. */
    public static int mapsRequired(double slowstart, int mapsTotal) {
        // The epsilon keeps 0.8 × 5 at 4: the double nearest 0.8 is a little above it.
        return (int) Math.ceil(slowstart * mapsTotal - 1e-9);
    }

    /**
     * The reduce attempts to preempt so that pending maps get slots, given the slots still free after
     * placing what could be placed. Jobs are taken oldest first: free slots go to the oldest job's
     * pending maps first, as the scheduler places them.
     */
    public static List<Preemption> preemptions(int freeSlots, List<Job> jobs) {
        List<Preemption> out = new ArrayList<>();
        int free = Math.max(0, freeSlots);
        for (Job job : jobs) {
            int uncovered = job.pendingMaps() - free;
            free = Math.max(0, free - job.pendingMaps());
            if (uncovered <= 0) {
                continue;
            }
            job.waitingReduces().stream()
                    .sorted(Comparator.comparingLong(WaitingReduce::launchOrder).reversed())
                    .limit(uncovered)
                    .forEach(r -> out.add(new Preemption(job.jobId(), r.attemptId())));
        }
        return out;
    }
}
