package dev.quern.executor.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressThrottleTest {

    private long now;
    private final List<Float> sent = new ArrayList<>();
    private final ProgressThrottle throttle = new ProgressThrottle(sent::add, () -> now, 1000);

    @Test
    void sendsTheFirstReportThenAtMostOnePerIntervalAndOnlyChanges() {
        throttle.progress(0.1f);
        now = 500;
        throttle.progress(0.2f);           // too soon
        now = 1000;
        throttle.progress(0.3f);
        now = 5000;
        throttle.progress(0.3f);           // no change: a hung attempt must look hung
        now = 5001;
        throttle.progress(0.4f);
        assertThat(sent).containsExactly(0.1f, 0.3f, 0.4f);
    }
}
