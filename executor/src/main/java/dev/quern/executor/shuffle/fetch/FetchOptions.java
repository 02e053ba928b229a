package dev.quern.executor.shuffle.fetch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Timeouts of a {@link ShuffleFetcher}.
 *
 * @param connectTimeout how long to wait for the TCP connection; a dead host fails after this
 * @param readIdleTimeout how long the connection may stay silent (no header or body byte) before the
 *     fetch fails; it bounds a hung server, not the transfer time of a large segment
 */
public record FetchOptions(Duration connectTimeout, Duration readIdleTimeout) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_IDLE_TIMEOUT = Duration.ofSeconds(30);
    public static final FetchOptions DEFAULTS = new FetchOptions(DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_IDLE_TIMEOUT);

    /** Checks both values and reports every problem at once. */
    public FetchOptions {
        List<String> problems = new ArrayList<>();
        check(problems, "connectTimeout", connectTimeout);
        check(problems, "readIdleTimeout", readIdleTimeout);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid fetch options: " + String.join("; ", problems));
        }
    }

    public FetchOptions withConnectTimeout(Duration timeout) {
        return new FetchOptions(timeout, readIdleTimeout);
    }

    public FetchOptions withReadIdleTimeout(Duration timeout) {
        return new FetchOptions(connectTimeout, timeout);
    }

    private static void check(List<String> problems, String name, Duration value) {
        if (value == null) {
            problems.add(name + " is null");
        } else if (value.isNegative() || value.isZero()) {
            problems.add(name + " must be positive, got " + value);
        } else if (value.toMillis() > Integer.MAX_VALUE) {
            // Netty takes the connect timeout as int milliseconds.
            problems.add(name + " must be at most " + Integer.MAX_VALUE + " ms, got " + value);
        }
    }
}
