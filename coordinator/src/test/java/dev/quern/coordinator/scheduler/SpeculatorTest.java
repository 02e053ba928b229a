package dev.quern.coordinator.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpeculatorTest {

    private static final Speculator.Settings SETTINGS = new Speculator.Settings(2.0, 5000);

    private static Speculator.Running running(String id, long started) {
        return new Speculator.Running(id, started, 1, false);
    }

    @Test
    void nothingBeforeThreeQuartersOfThePhaseAreDone() {
        var phase = new Speculator.Phase(8, List.of(1000L, 1000L, 1000L, 1000L, 1000L), List.of(running("m-7", 0)));
        assertThat(Speculator.backups(phase, SETTINGS, 1_000_000)).isEmpty();
        var enough = new Speculator.Phase(8, List.of(1000L, 1000L, 1000L, 1000L, 1000L, 1000L), List.of(running("m-7", 0)));
        assertThat(Speculator.backups(enough, SETTINGS, 1_000_000)).containsExactly("m-7");
    }

    @Test
    void aStragglerRunsLongerThanSlownessTimesTheMedianAndTheMinimum() {
        var phase = new Speculator.Phase(4, List.of(4000L, 5000L, 30_000L), List.of(running("m-3", 0)));
        assertThat(Speculator.median(List.of(4000L, 5000L, 30_000L))).isEqualTo(5000);
        assertThat(Speculator.backups(phase, SETTINGS, 10_000)).as("exactly 2 x median").isEmpty();
        assertThat(Speculator.backups(phase, SETTINGS, 10_001)).containsExactly("m-3");
        var quick = new Speculator.Phase(4, List.of(10L, 10L, 10L), List.of(running("m-3", 0)));
        assertThat(Speculator.backups(quick, SETTINGS, 5000)).as("never under min-ms").isEmpty();
        assertThat(Speculator.backups(quick, SETTINGS, 5001)).containsExactly("m-3");
    }

    @Test
    void aTaskWithTwoAttemptsOrABackupBeforeGetsNoOther() {
        var phase = new Speculator.Phase(4, List.of(10L, 10L, 10L), List.of(new Speculator.Running("m-1", 0, 2, true),
                new Speculator.Running("m-2", 0, 1, true), new Speculator.Running("m-3", 0, 2, false)));
        assertThat(Speculator.backups(phase, SETTINGS, 60_000)).isEmpty();
    }
}
