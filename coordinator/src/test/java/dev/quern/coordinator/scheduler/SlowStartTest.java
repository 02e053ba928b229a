package dev.quern.coordinator.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.coordinator.scheduler.SlowStart.Job;
import dev.quern.coordinator.scheduler.SlowStart.Preemption;
import dev.quern.coordinator.scheduler.SlowStart.WaitingReduce;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlowStartTest {

    @Test
    void reducesStartOnceTheFractionOfMapsIsDoneAndNoMapWaits() {
        assertThat(SlowStart.reducesRunnable(0.8, 3, 5, false)).isFalse();
        assertThat(SlowStart.reducesRunnable(0.8, 4, 5, false)).as("0.8 x 5 = 4, not 5 by rounding").isTrue();
        assertThat(SlowStart.reducesRunnable(0.8, 4, 5, true)).as("a map waits for a slot").isFalse();
        assertThat(SlowStart.reducesRunnable(0.0, 0, 5, false)).isTrue();
        assertThat(SlowStart.reducesRunnable(0.0, 0, 5, true)).isFalse();
    }

    @Test
    void onceEveryMapIsDoneReducesRunWhateverWaits() {
        assertThat(SlowStart.reducesRunnable(1.0, 5, 5, true)).isTrue();
        assertThat(SlowStart.reducesRunnable(1.0, 4, 5, false)).as("1.0 waits for every map").isFalse();
        assertThat(SlowStart.reducesRunnable(0.5, 0, 0, true)).as("a job without maps").isTrue();
    }

    @Test
    void mapsRequiredRoundsUp() {
        assertThat(SlowStart.mapsRequired(0.8, 5)).isEqualTo(4);
        assertThat(SlowStart.mapsRequired(0.8, 6)).isEqualTo(5); // 4.8
        assertThat(SlowStart.mapsRequired(0.1, 3)).isEqualTo(1); // 0.3
        assertThat(SlowStart.mapsRequired(0.7, 10)).isEqualTo(7); // 0.7 x 10 is 7.000000000000001 in doubles
        assertThat(SlowStart.mapsRequired(0.0, 1000)).isZero();
        assertThat(SlowStart.mapsRequired(1.0, 1000)).isEqualTo(1000);
    }

    @Test
    void theYoungestWaitingReducesOfTheJobWithAPendingMapArePreempted() {
        Job job = new Job("job-1", 2, List.of(reduce("r-00000.1", 3), reduce("r-00001.1", 7), reduce("r-00002.1", 5)));

        assertThat(SlowStart.preemptions(0, List.of(job))).containsExactly(
                new Preemption("job-1", "r-00001.1"), new Preemption("job-1", "r-00002.1"));
        assertThat(SlowStart.preemptions(1, List.of(job))).as("one map has a slot").containsExactly(
                new Preemption("job-1", "r-00001.1"));
        assertThat(SlowStart.preemptions(2, List.of(job))).isEmpty();
    }

    @Test
    void noPreemptionWithoutPendingMapsOrWaitingReducesOfThatJob() {
        Job noPending = new Job("job-1", 0, List.of(reduce("r-00000.1", 1)));
        Job noReduces = new Job("job-2", 3, List.of());
        assertThat(SlowStart.preemptions(0, List.of(noPending, noReduces))).isEmpty();
    }

    @Test
    void freeSlotsGoToTheOldestJobsMapsFirst() {
        Job older = new Job("job-1", 1, List.of(reduce("r-00000.1", 1)));
        Job newer = new Job("job-2", 1, List.of(reduce("r-00000.1", 2)));

        assertThat(SlowStart.preemptions(1, List.of(older, newer))).containsExactly(new Preemption("job-2", "r-00000.1"));
    }

    @Test
    void neverMoreThanTheWaitingReduces() {
        Job job = new Job("job-1", 5, List.of(reduce("r-00000.1", 1)));
        assertThat(SlowStart.preemptions(0, List.of(job))).containsExactly(new Preemption("job-1", "r-00000.1"));
    }

    private static WaitingReduce reduce(String attemptId, long launchOrder) {
        return new WaitingReduce(attemptId, launchOrder);
    }
}
