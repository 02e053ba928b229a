package dev.quern.executor.reduce;

import dev.quern.executor.reduce.run.MemoryRun;
import dev.quern.executor.reduce.run.SortedRun;
import dev.quern.executor.task.TaskCounters;
import dev.quern.job.EngineCounters;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The runs a reduce attempt has fetched so far, in memory and on disk, and its shuffle memory. When
 * the segments held in memory pass the merge threshold, they are merged into one run on disk in the
 * background ({@link InMemoryMerger}), and their memory is given back when that is done.
 *
 * <p>Not thread-safe: used by the attempt's copy loop, and then by its final merge.
 */
final class ShuffleRuns {

    private final ShuffleMemory memory;
    private final InMemoryMerger merger;
    private final Path dir;
    private final TaskCounters counters;
    private final List<MemoryRun> inMemory = new ArrayList<>();
    private final List<SortedRun> onDisk = new ArrayList<>();
    private int merges;

    ShuffleRuns(ShuffleMemory memory, InMemoryMerger merger, Path dir, TaskCounters counters) {
        this.memory = memory;
        this.merger = merger;
        this.dir = dir;
        this.counters = counters;
    }

    /** Counts a segment of {@code bytes} as held in memory, if it may be; else it goes to disk. */
    boolean tryReserve(long bytes) {
        return memory.tryReserve(bytes);
    }

    /** Gives back a reservation whose fetch did not end in a held run. */
    void release(long bytes) {
        memory.release(bytes);
    }

    /** Takes a fetched segment: in memory (its bytes reserved by {@link #tryReserve}) or on disk. */
    void add(SortedRun run) {
        counters.engine(EngineCounters.SHUFFLE_BYTES).increment(run.length());
        if (run instanceof MemoryRun m) {
            counters.engine(EngineCounters.SHUFFLE_BYTES_TO_MEMORY).increment(run.length());
            inMemory.add(m);
            mergeIfFull();
        } else {
            counters.engine(EngineCounters.SHUFFLE_BYTES_TO_DISK).increment(run.length());
            counters.engine(EngineCounters.LOCAL_BYTES_WRITTEN).increment(run.length());
            onDisk.add(run);
        }
    }

    /** A background merge wrote its run: its inputs' memory is free again. */
    void merged(CopyEvent.Merged done) {
        merger.done();
        done.inputs().forEach(r -> memory.release(r.length()));
        onDisk.add(done.output());
        counters.engine(EngineCounters.MERGE_PASSES).increment(1);
        counters.engine(EngineCounters.LOCAL_BYTES_WRITTEN).increment(done.output().length());
        mergeIfFull();
    }

    void mergeFailed(CopyEvent.MergeFailed failed) throws IOException {
        merger.done();
        failed.inputs().forEach(r -> memory.release(r.length()));
        throw new IOException("merging " + failed.inputs().size() + " in-memory segments to disk failed: "
                + failed.cause(), failed.cause());
    }

    boolean merging() {
        return merger.busy();
    }

    /** Segments held in memory, in the order they arrived. */
    List<MemoryRun> inMemory() {
        return List.copyOf(inMemory);
    }

    /** Runs on disk: segments fetched to files and the outputs of in-memory merges. */
    List<SortedRun> onDisk() {
        return List.copyOf(onDisk);
    }

    /** Deletes every run file still held (the attempt ends; merge outputs it was given are not here). */
    void deleteAll() throws IOException {
        for (SortedRun run : onDisk) {
            run.delete();
        }
        onDisk.clear();
        inMemory.clear();
    }

    private void mergeIfFull() {
        // Two at least: merging one segment would only copy it. Those in flight land soon and count then.
        if (!merger.busy() && memory.overMergeThreshold() && inMemory.size() >= 2) {
            merger.start(inMemory, dir.resolve(String.format("memory-merge-%05d.run", merges++)));
            inMemory.clear();
        }
    }
}
