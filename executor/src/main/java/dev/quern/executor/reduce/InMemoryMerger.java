package dev.quern.executor.reduce;

import dev.quern.api.KeyComparator;
import dev.quern.executor.merge.MergingStream;
import dev.quern.executor.merge.RecordStream;
import dev.quern.executor.reduce.run.MemoryRun;
import dev.quern.executor.reduce.run.MergedRun;
import dev.quern.executor.reduce.run.RunFileWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Merges segments held in memory into one run file on a background thread, so that fetches go on
 * meanwhile; at most one merge at a time (the next waits for {@link #busy()} to clear). The result,
 * or the failure, is posted to the copy loop, which gives the memory back.
 */
final class InMemoryMerger implements AutoCloseable {

    private final KeyComparator comparator;
    private final MapOutputFeed loop;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "quern-reduce-merge");
        t.setDaemon(true);
        return t;
    });
    private boolean busy; // confined to the copy loop's thread

    InMemoryMerger(KeyComparator comparator, MapOutputFeed loop) {
        this.comparator = comparator;
        this.loop = loop;
    }

    boolean busy() {
        return busy;
    }

    /** Starts merging {@code runs} into {@code file}; the copy loop hears of it as Merged or MergeFailed. */
    void start(List<MemoryRun> runs, Path file) {
        if (busy) {
            throw new IllegalStateException("an in-memory merge is already running");
        }
        busy = true;
        List<MemoryRun> inputs = List.copyOf(runs);
        thread.execute(() -> {
            try {
                loop.post(new CopyEvent.Merged(inputs, merge(inputs, comparator, file)));
            } catch (Throwable t) {
                loop.post(new CopyEvent.MergeFailed(inputs, t));
            }
        });
    }

    /** The copy loop took the Merged or MergeFailed event. */
    void done() {
        busy = false;
    }

    /** Merges {@code runs} into the run file {@code file}. */
    static MergedRun merge(List<MemoryRun> runs, KeyComparator comparator, Path file) throws java.io.IOException {
        List<RecordStream> streams = new ArrayList<>(runs.size());
        for (MemoryRun run : runs) {
            streams.add(run.open()); // in memory: opening cannot fail
        }
        try (MergingStream in = new MergingStream(streams, comparator)) {
            return RunFileWriter.writeAll(in, file);
        }
    }

    /** Interrupts a merge under way (its partial file is deleted) and waits for the thread to end. */
    @Override
    public void close() {
        thread.shutdownNow();
        Waits.await(thread, 30, "the in-memory merge thread to stop");
    }
}
