package dev.quern.coordinator.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProgressMonitorTest {

    @Test
    void anAttemptStallsWhenItsProgressHasNotChangedForTheTimeout() {
        ProgressMonitor m = new ProgressMonitor();
        List<ProgressMonitor.Live> live = List.of(new ProgressMonitor.Live("a", 0, false), new ProgressMonitor.Live("b", 0, false));
        assertThat(m.stalled(live, 1000, 1000)).as("exactly the timeout").isEmpty();
        m.progressed("b", 0.2f, 900);
        assertThat(m.stalled(live, 1000, 1001)).containsExactly("a");
        m.progressed("b", 0.2f, 1500); // the same progress again: not a change
        assertThat(m.stalled(live, 1000, 1901)).containsExactly("a", "b");
    }

    @Test
    void aWaitingAttemptNeverStallsAndItsClockStartsWhenItStopsWaiting() {
        ProgressMonitor m = new ProgressMonitor();
        assertThat(m.stalled(List.of(new ProgressMonitor.Live("r", 0, true)), 1000, 50_000)).isEmpty();
        List<ProgressMonitor.Live> working = List.of(new ProgressMonitor.Live("r", 0, false));
        assertThat(m.stalled(working, 1000, 51_000)).isEmpty();
        assertThat(m.stalled(working, 1000, 51_001)).containsExactly("r");
    }

    @Test
    void endedAttemptsAreForgotten() {
        ProgressMonitor m = new ProgressMonitor();
        m.progressed("old", 0.5f, 10_000);
        m.retain(Set.of());
        // A new attempt under the same key (it cannot happen, but the mark must not leak into it).
        assertThat(m.stalled(List.of(new ProgressMonitor.Live("old", 0, false)), 1000, 10_500)).containsExactly("old");
    }
}
