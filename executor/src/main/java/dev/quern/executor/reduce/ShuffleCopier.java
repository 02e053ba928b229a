package dev.quern.executor.reduce;

import dev.quern.executor.reduce.run.MemoryRun;
import dev.quern.executor.reduce.run.SegmentRun;
import dev.quern.executor.shuffle.fetch.FetchException;
import dev.quern.executor.shuffle.fetch.SegmentSource;
import dev.quern.executor.shuffle.fetch.ShuffleFetcher;
import dev.quern.executor.shuffle.fetch.Transfer;
import dev.quern.proto.FetchFailed;
import dev.quern.proto.MapOutputLocation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The copy phase of a reduce attempt: fetches this reducer's partition of every map output as the
 * locations arrive (at launch, then from the leader through the {@link MapOutputFeed}), at most
 * {@code parallelCopies} at once, into memory when {@link ShuffleRuns} has room and to a file
 * otherwise. It is done when it holds one segment for every map index {@code 0..totalMaps-1} (a map
 * whose segment is empty needs no fetch) and no in-memory merge is running.
 *
 * <p>Everything happens on the attempt's thread, one {@link CopyEvent} at a time: fetches, backoff
 * timers and the background merge only post events. A failed fetch is retried with exponential
 * backoff; after {@link #MAX_TRIES} tries (at once for a corrupt segment: corruption does not heal)
 * it is reported to the leader through the {@link CopyListener}, which reruns the map when the
 * reports say so, and tried again every {@link #REPORT_BACKOFF_MS} (reported again after each round)
 * until a replacement location comes. Only a local failure (the attempt's own disk, a confused
 * protocol) fails the attempt. A location replaced by another
 * attempt of the same map before its fetch finished is fetched again from the new one; an obsolete
 * one is dropped until its replacement comes. A segment already held is kept either way.
 */
final class ShuffleCopier implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ShuffleCopier.class);

    static final int MAX_TRIES = 4;
    static final long FIRST_BACKOFF_MS = 100;
    static final long REPORT_BACKOFF_MS = 2000;
    private static final long RELEASE_WAIT_SECONDS = 30;

    /** What the copy phase works on. */
    record Settings(String jobId, int partition, int totalMaps, int parallelCopies, Path dir) {}

    /** One location of one map being fetched; a new location of the map is a new Fetch. */
    static final class Fetch {
        final MapOutputLocation location;
        final long length;
        int tries;
        long reserved;          // shuffle memory counted for it while its transfer runs
        Transfer<?> transfer;

        Fetch(MapOutputLocation location, long length) {
            this.location = location;
            this.length = length;
        }

        int mapIndex() {
            return location.getMapIndex();
        }

        @Override
        public String toString() {
            return "map " + location.getMapIndex() + " attempt " + location.getAttemptId();
        }
    }

    private final Settings settings;
    private final ShuffleFetcher fetcher;
    private final MapOutputFeed feed;
    private final ShuffleRuns runs;
    private final InMemoryMerger merger;
    private final CopyListener listener;
    private final Map<Integer, Fetch> wanted = new HashMap<>();  // the current location of each map not held
    private final BitSet held = new BitSet();
    private final ArrayDeque<Fetch> ready = new ArrayDeque<>();
    private final Set<Fetch> running = new HashSet<>();
    private final List<CompletableFuture<Void>> releasing = new ArrayList<>();
    private int transfers;

    ShuffleCopier(Settings settings, ShuffleFetcher fetcher, MapOutputFeed feed, ShuffleRuns runs, InMemoryMerger merger,
            CopyListener listener) {
        this.settings = settings;
        this.listener = listener;
        this.fetcher = fetcher;
        this.feed = feed;
        this.runs = runs;
        this.merger = merger;
    }

    /** Copies until a segment of every map is held; {@code atLaunch} are the locations known at launch. */
    void copyAll(List<MapOutputLocation> atLaunch) throws InterruptedException, IOException {
        for (MapOutputLocation location : atLaunch) {
            available(location);
        }
        startFetches();
        while (held.cardinality() < settings.totalMaps() || runs.merging()) {
            handle(feed.take());
            startFetches();
        }
    }

    private void handle(CopyEvent event) throws IOException {
        // Java 17 has no pattern switch: one branch per CopyEvent, and the last one catches a new kind.
        if (event instanceof CopyEvent.Available a) {
            available(a.location());
        } else if (event instanceof CopyEvent.Obsolete o) {
            obsolete(o.mapIndex(), o.mapAttemptId());
        } else if (event instanceof CopyEvent.Fetched f) {
            fetched(f);
        } else if (event instanceof CopyEvent.FetchFailed f) {
            failed(f.fetch(), f.cause());
        } else if (event instanceof CopyEvent.RetryDue r) {
            if (isCurrent(r.fetch())) {
                ready.addFirst(r.fetch());
            }
        } else if (event instanceof CopyEvent.Merged m) {
            runs.merged(m);
        } else if (event instanceof CopyEvent.MergeFailed m) {
            runs.mergeFailed(m);
        } else {
            throw new IllegalStateException("unknown copy event " + event);
        }
    }

    private void available(MapOutputLocation location) {
        int index = location.getMapIndex();
        if (index < 0 || index >= settings.totalMaps() || location.getPartitionLengthsCount() <= settings.partition()) {
            throw new IllegalStateException("map output " + location.getAttemptId() + " of map " + index + " with "
                    + location.getPartitionLengthsCount() + " partitions does not fit a job of " + settings.totalMaps()
                    + " maps and reducer " + settings.partition());
        }
        if (held.get(index)) {
            return; // any attempt's output of a map will do
        }
        Fetch current = wanted.get(index);
        if (current != null && current.location.getAttemptId().equals(location.getAttemptId())) {
            return; // told again (the leader repeats what it knows after a reconnect)
        }
        if (current != null) {
            log.info("job {} reducer {}: {} is replaced by attempt {}", settings.jobId(), settings.partition(), current,
                    location.getAttemptId());
            cancel(current);
        }
        long length = location.getPartitionLengths(settings.partition());
        if (length == 0) {
            wanted.remove(index);
            held.set(index);
            listener.copied(held.cardinality(), settings.totalMaps());
            return;
        }
        Fetch fetch = new Fetch(location, length);
        wanted.put(index, fetch);
        ready.add(fetch);
    }

    private void obsolete(int mapIndex, String mapAttemptId) {
        Fetch current = wanted.get(mapIndex);
        if (current != null && current.location.getAttemptId().equals(mapAttemptId)) {
            log.info("job {} reducer {}: {} is obsolete; waiting for its replacement", settings.jobId(),
                    settings.partition(), current);
            cancel(current);
            wanted.remove(mapIndex);
        }
    }

    private void fetched(CopyEvent.Fetched f) throws IOException {
        Fetch fetch = f.fetch();
        if (!isCurrent(fetch)) {
            f.run().delete(); // replaced while it finished; its memory was given back when it was cancelled
            return;
        }
        running.remove(fetch);
        wanted.remove(fetch.mapIndex());
        held.set(fetch.mapIndex());
        fetch.reserved = 0; // now the held run's, given back when it is merged
        runs.add(f.run());
        listener.copied(held.cardinality(), settings.totalMaps());
    }

    private void failed(Fetch fetch, Throwable error) throws IOException {
        if (!isCurrent(fetch)) {
            return;
        }
        running.remove(fetch);
        releaseMemory(fetch);
        Throwable cause = error instanceof CompletionException ce ? ce.getCause() : error;
        if (!(cause instanceof FetchException fe) || fe.kind() == FetchException.Kind.FATAL) {
            // Our side failed (the attempt's disk, a protocol we cannot follow): another map attempt would not help.
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("fetch of " + fetch + " failed: " + cause, cause);
        }
        boolean corrupt = fe.kind() == FetchException.Kind.CORRUPT;
        if (fe.retriable() && !corrupt && fetch.tries < MAX_TRIES) {
            long backoff = FIRST_BACKOFF_MS << (fetch.tries - 1);
            log.info("job {} reducer {}: fetch {} of {} failed, again in {} ms: {}", settings.jobId(), settings.partition(),
                    fetch.tries, fetch, backoff, cause.getMessage());
            retryAfter(fetch, backoff);
            return;
        }
        FetchFailed.Reason reason = corrupt ? FetchFailed.Reason.CORRUPT
                : fe.kind() == FetchException.Kind.SERVER ? FetchFailed.Reason.SERVER : FetchFailed.Reason.TRANSPORT;
        log.warn("job {} reducer {}: cannot fetch {} after {} tries ({}), reporting it; again in {} ms: {}", settings.jobId(),
                settings.partition(), fetch, fetch.tries, reason, REPORT_BACKOFF_MS, cause.getMessage());
        listener.fetchFailed(fetch.mapIndex(), fetch.location.getAttemptId(), reason, cause.getMessage());
        fetch.tries = 0;
        retryAfter(fetch, REPORT_BACKOFF_MS);
    }

    private void retryAfter(Fetch fetch, long millis) {
        CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS).execute(() -> feed.post(new CopyEvent.RetryDue(fetch)));
    }

    private void startFetches() {
        while (running.size() < settings.parallelCopies() && !ready.isEmpty()) {
            Fetch fetch = ready.poll();
            if (isCurrent(fetch)) {
                start(fetch);
            }
        }
    }

    private void start(Fetch fetch) {
        fetch.tries++;
        MapOutputLocation l = fetch.location;
        SegmentSource source = new SegmentSource(l.getHost(), l.getShufflePort(), settings.jobId(), l.getAttemptId(),
                settings.partition());
        if (runs.tryReserve(fetch.length)) {
            fetch.reserved = fetch.length;
            var transfer = fetcher.fetchToMemory(source, new byte[(int) fetch.length]);
            transfer.result().whenComplete((segment, error) -> feed.post(error == null
                    ? new CopyEvent.Fetched(fetch, new MemoryRun(fetch.mapIndex(), segment))
                    : new CopyEvent.FetchFailed(fetch, error)));
            fetch.transfer = transfer;
        } else {
            // A name per transfer: a cancelled one may still be renaming its file while a new one starts.
            Path target = settings.dir().resolve(l.getAttemptId() + "-" + ++transfers + ".segment");
            var transfer = fetcher.fetchToFile(source, target);
            transfer.result().whenComplete((segment, error) -> feed.post(error == null
                    ? new CopyEvent.Fetched(fetch, new SegmentRun(fetch.mapIndex(), segment))
                    : new CopyEvent.FetchFailed(fetch, error)));
            fetch.transfer = transfer;
        }
        running.add(fetch);
    }

    private boolean isCurrent(Fetch fetch) {
        return wanted.get(fetch.mapIndex()) == fetch;
    }

    /** Stops a fetch that is no longer wanted; its transfer's end is awaited by {@link #close()}. */
    private void cancel(Fetch fetch) {
        if (running.remove(fetch)) {
            fetch.transfer.cancel();
            releasing.add(fetch.transfer.released());
        }
        releaseMemory(fetch);
    }

    private void releaseMemory(Fetch fetch) {
        if (fetch.reserved > 0) {
            runs.release(fetch.reserved);
            fetch.reserved = 0;
        }
    }

    /**
     * Stops every transfer and the background merge, waits until none of them can write into the
     * attempt's directory, and deletes every run file the copy phase made (also those finished but
     * not yet taken). Call it after the runs' final merge, or when the attempt gives up.
     */
    @Override
    public void close() throws IOException {
        for (Fetch fetch : running) {
            fetch.transfer.cancel();
            releasing.add(fetch.transfer.released());
        }
        running.clear();
        for (CompletableFuture<Void> released : releasing) {
            Waits.await(released, RELEASE_WAIT_SECONDS, "a cancelled fetch to end");
        }
        merger.close();
        // Events posted before the transfers were released and the merge stopped: their runs are ours.
        for (CopyEvent e = feed.poll(); e != null; e = feed.poll()) {
            if (e instanceof CopyEvent.Fetched f) {
                f.run().delete();
            } else if (e instanceof CopyEvent.Merged m) {
                m.output().delete();
            }
        }
        runs.deleteAll();
    }
}
