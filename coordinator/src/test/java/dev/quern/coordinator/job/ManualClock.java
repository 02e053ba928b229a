package dev.quern.coordinator.job;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves only when the test says so. */
final class ManualClock extends Clock {

    private Instant now = Instant.parse("2024-06-01T12:00:00Z");

    void advanceMillis(long millis) {
        now = now.plusMillis(millis);
    }

    @Override public ZoneId getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(ZoneId zone) { throw new UnsupportedOperationException("a manual clock has one zone"); }
    @Override public Instant instant() { return now; }
}
