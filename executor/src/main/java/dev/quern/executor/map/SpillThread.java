package dev.quern.executor.map;

import dev.quern.executor.spill.MapOutput;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A map attempt's background spill thread: one spill at a time, made when the first one starts.
 * Closing lets a spill under way finish (it is bounded work); if the closing thread is interrupted
 * meanwhile, it returns at once, and the spill thread deletes that spill's files itself once it has
 * written them, so that nothing of an ended attempt appears later.
 */
final class SpillThread {

    private static final Logger log = LoggerFactory.getLogger(SpillThread.class);

    private final String name;
    private ExecutorService executor;
    private Future<MapOutput> spilling;

    SpillThread(String name) {
        this.name = name;
    }

    /** A spill was started and not yet awaited. */
    boolean busy() { return spilling != null; }

    /** A spill was started and has finished, well or not, and not yet been awaited. */
    boolean finished() { return spilling != null && spilling.isDone(); }

    /** Runs {@code spill} on the thread; only when not {@link #busy}. */
    void start(Callable<MapOutput> spill) {
        if (spilling != null) {
            throw new IllegalStateException("a spill is already under way");
        }
        if (executor == null) {
            executor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            });
        }
        spilling = executor.submit(spill);
    }

    /** Waits for the spill started last and returns its output; rethrows its failure. Not busy afterwards. */
    MapOutput await() throws IOException {
        try {
            return spilling.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a spill");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("spill failed: " + cause, cause);
        } finally {
            spilling = null;
        }
    }

    /**
     * Stops the thread, deleting the files of a spill not awaited; true once it has ended, false if
     * the caller was interrupted first (the spill then still reads its region of the buffer).
     */
    boolean close() {
        if (executor == null) {
            return true;
        }
        Future<MapOutput> inFlight = spilling;
        spilling = null;
        if (inFlight != null && !executor.isShutdown()) {
            executor.execute(() -> delete(inFlight)); // queued behind the spill: runs after it, waited for or not
        }
        executor.shutdown();
        boolean interrupted = Thread.interrupted();
        try {
            while (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                // keep waiting: the spill thread cannot be stopped in the middle of a file
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return executor.isTerminated();
    }

    /** The thread, if one was made, has ended. */
    boolean ended() { return executor == null || executor.isTerminated(); }

    /** Deletes the files of a finished spill; one that failed left none (SegmentWriter removes its own). */
    private static void delete(Future<MapOutput> spill) {
        MapOutput out;
        try {
            out = spill.get(); // done: this runs after it, on the same thread
        } catch (ExecutionException e) {
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            SpillMerger.delete(List.of(out));
        } catch (IOException e) {
            log.warn("could not delete {}, a spill of an attempt that ended: {}", out.data(), e.toString());
        }
    }
}
