package dev.quern.executor.reduce;

import dev.quern.executor.shuffle.fetch.FetchException;
import dev.quern.executor.shuffle.fetch.FetchedSegment;
import dev.quern.executor.shuffle.fetch.ShuffleFetcher;
import dev.quern.proto.MapOutputLocation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The copy phase of a reduce attempt: fetches this reducer's partition from every map output, a few
 * at a time, each to a file of its own; a failed fetch is retried with exponential backoff before
 * the attempt gives up and names the map output it could not get.
 */
final class ShuffleCopier {

    static final int PARALLEL_FETCHES = 4;
    static final int MAX_TRIES = 4;
    static final long FIRST_BACKOFF_MS = 100;

    private final ShuffleFetcher fetcher;
    /** The transfers under way, cancelled when the copy phase gives up. */
    private final Set<CompletableFuture<FetchedSegment>> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean abandoned;
    private final String jobId;
    private final int partition;

    ShuffleCopier(ShuffleFetcher fetcher, String jobId, int partition) {
        this.fetcher = fetcher;
        this.jobId = jobId;
        this.partition = partition;
    }

    /**
     * Fetches every location's segment into {@code dir}; the result is in the order of
     * {@code locations}. On failure or interrupt, every transfer still running is cancelled (which
     * removes its partial file) before this returns, so the caller may delete {@code dir}.
     */
    List<FetchedSegment> copyAll(List<MapOutputLocation> locations, Path dir) throws InterruptedException, FetchException {
        Semaphore permits = new Semaphore(PARALLEL_FETCHES);
        List<CompletableFuture<FetchedSegment>> fetches = new ArrayList<>();
        boolean done = false;
        try {
            for (MapOutputLocation loc : locations) {
                permits.acquire();
                Path target = dir.resolve(String.format("m-%05d.segment", loc.getMapIndex()));
                CompletableFuture<FetchedSegment> f = fetchWithRetry(loc, target, 1);
                f.whenComplete((s, e) -> permits.release());
                fetches.add(f);
            }
            List<FetchedSegment> segments = new ArrayList<>();
            for (CompletableFuture<FetchedSegment> f : fetches) {
                segments.add(f.get());
            }
            done = true;
            return segments;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException ce ? ce.getCause() : e.getCause();
            if (cause instanceof FetchException fe) {
                throw fe;
            }
            throw new IllegalStateException("fetch failed: " + cause, cause);
        } finally {
            if (!done) {
                abandoned = true;
                inFlight.forEach(f -> f.cancel(true));
            }
        }
    }

    private CompletableFuture<FetchedSegment> fetchWithRetry(MapOutputLocation loc, Path target, int attempt) {
        if (abandoned) {
            return CompletableFuture.failedFuture(new java.util.concurrent.CancellationException("copy phase abandoned"));
        }
        CompletableFuture<FetchedSegment> transfer =
                fetcher.fetch(loc.getHost(), loc.getShufflePort(), jobId, loc.getAttemptId(), partition, target);
        inFlight.add(transfer);
        transfer.whenComplete((s, e) -> inFlight.remove(transfer));
        return transfer
                .handle((segment, error) -> {
                    if (error == null) {
                        return CompletableFuture.completedFuture(segment);
                    }
                    Throwable cause = error instanceof CompletionException ce ? ce.getCause() : error;
                    boolean retriable = !(cause instanceof FetchException fe) || fe.retriable();
                    if (!retriable || attempt >= MAX_TRIES) {
                        return CompletableFuture.<FetchedSegment>failedFuture(cause);
                    }
                    Executor later = CompletableFuture.delayedExecutor(
                            FIRST_BACKOFF_MS << (attempt - 1), TimeUnit.MILLISECONDS);
                    return CompletableFuture.supplyAsync(() -> null, later)
                            .thenCompose(x -> fetchWithRetry(loc, target, attempt + 1));
                })
                .thenCompose(f -> f);
    }
}
