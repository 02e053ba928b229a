package dev.quern.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultOptionsTest {

    @Test
    void defaults() {
        Map<String, String> none = Map.of();
        assertThat(FaultOptions.taskTimeoutMillis(none)).isEqualTo(600_000);
        assertThat(FaultOptions.speculation(none)).isTrue();
        assertThat(FaultOptions.speculationSlowness(none)).isEqualTo(2.0);
        assertThat(FaultOptions.speculationMinMillis(none)).isEqualTo(5000);
        assertThat(FaultOptions.problems(none)).isEmpty();
    }

    @Test
    void everyBadValueIsNamedWithItsKey() {
        Map<String, String> bad = Map.of(FaultOptions.TASK_TIMEOUT, "0", FaultOptions.SPECULATION, "yes",
                FaultOptions.SPECULATION_SLOWNESS, "0.5", FaultOptions.SPECULATION_MIN_MS, "soon");
        assertThat(FaultOptions.problems(bad)).containsExactly(
                "option quern.task.timeout must be >= 1, got 0",
                "option quern.speculation must be true or false, got 'yes'",
                "option quern.speculation.slowness must be a number >= 1, got '0.5'",
                "option quern.speculation.min-ms must be an integer, got 'soon'");
        assertThat(FaultOptions.problems(Map.of(FaultOptions.SPECULATION_SLOWNESS, "NaN"))).hasSize(1);
    }
}
