package dev.quern.executor.task;

import java.util.function.LongSupplier;

/**
 * Passes an attempt's progress on at most once per interval, and only when it moved: the leader
 * times out an attempt whose progress stops, so a report that says nothing new would hide a hang.
 *
 * <p>Thread-safe (a reduce attempt reports from its copy loop and its reduce loop, one at a time).
 */
public final class ProgressThrottle implements ProgressListener {

    /** At most one report a second. */
    public static final long INTERVAL_NANOS = 1_000_000_000L;

    private final ProgressListener target;
    private final LongSupplier nanoTime;
    private final long intervalNanos;
    private float lastSent = -1;
    private long lastSentAt;
    private boolean sentAny;

    public ProgressThrottle(ProgressListener target, LongSupplier nanoTime, long intervalNanos) {
        this.target = target;
        this.nanoTime = nanoTime;
        this.intervalNanos = intervalNanos;
    }

    @Override
    public void progress(float fraction) {
        synchronized (this) {
            long now = nanoTime.getAsLong();
            if (fraction == lastSent || (sentAny && now - lastSentAt < intervalNanos)) {
                return;
            }
            lastSent = fraction;
            lastSentAt = now;
            sentAny = true;
        }
        target.progress(fraction);
    }
}
