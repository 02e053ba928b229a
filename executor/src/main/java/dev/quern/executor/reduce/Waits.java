package dev.quern.executor.reduce;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounded waits for cleanup that must finish even in a killed attempt: an interrupt does not cut them
 * short (it is kept for the caller), and a deadline keeps a stuck party from holding a slot forever.
 */
final class Waits {

    private static final Logger log = LoggerFactory.getLogger(Waits.class);

    /** One bounded wait: true when what it waits for happened. */
    private interface Wait {
        boolean await(long nanos) throws InterruptedException;
    }

    private Waits() {}

    /** Waits for {@code future} to complete, in any way. */
    static void await(CompletableFuture<?> future, long seconds, String what) {
        await(nanos -> {
            try {
                future.get(nanos, TimeUnit.NANOSECONDS);
            } catch (ExecutionException | CancellationException e) {
                // completed, which is all we wait for
            } catch (TimeoutException e) {
                return false;
            }
            return true;
        }, seconds, what);
    }

    /** Waits for the threads of a shut-down {@code executor} to end. */
    static void await(ExecutorService executor, long seconds, String what) {
        await(nanos -> executor.awaitTermination(nanos, TimeUnit.NANOSECONDS), seconds, what);
    }

    private static void await(Wait wait, long seconds, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    if (!wait.await(Math.max(0, deadline - System.nanoTime()))) {
                        log.warn("gave up waiting for {} after {} s", what, seconds);
                    }
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
