package dev.quern.executor.map;

import dev.quern.executor.merge.MergingStream;
import dev.quern.executor.merge.RecordStream;
import dev.quern.executor.spill.IndexFile;
import dev.quern.executor.spill.MapOutput;
import dev.quern.executor.spill.SegmentReader;
import dev.quern.executor.spill.SegmentWriter;
import dev.quern.executor.task.ProgressListener;
import dev.quern.job.EngineCounters;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Merges a map attempt's spills into its one output file, combining again. At most
 * {@link #FAN_IN} spills are open at once: with more, consecutive groups are merged first, pass after
 * pass (consecutive, so that equal keys keep their order). Merged inputs are deleted. Progress (the
 * records read over those the passes will read, at most) goes to a listener as the merge goes: a
 * merge of many spills can take minutes, and the leader times out an attempt whose progress stops.
 */
final class SpillMerger {

    /** At most this many spill files are open (and read through 64 KiB buffers) at once. */
    static final int FAN_IN = 64;

    private final MapOutputSettings s;
    private final CombineRunner combine;
    private final ProgressListener progress;
    private long toRead;
    private long read;

    /** {@code progress} hears the fraction of the merge done, 0 to 1. */
    SpillMerger(MapOutputSettings settings, CombineRunner combine, ProgressListener progress) {
        this.s = settings;
        this.combine = combine;
        this.progress = progress;
    }

    MapOutput merge(List<MapOutput> spills, String outputName) throws IOException {
        toRead = recordsToRead(spills.stream().map(o -> o.index().totalRecords()).toList(), FAN_IN);
        List<MapOutput> runs = new ArrayList<>(spills);
        for (int pass = 0; runs.size() > FAN_IN; pass++) {
            List<MapOutput> merged = new ArrayList<>();
            for (int i = 0; i < runs.size(); i += FAN_IN) {
                List<MapOutput> group = runs.subList(i, Math.min(i + FAN_IN, runs.size()));
                merged.add(group.size() == 1 ? group.get(0) : mergeAndDelete(group, String.format("merge-%d-%04d", pass, i)));
            }
            runs = merged;
            combine.counters().engine(EngineCounters.MERGE_PASSES).increment(1);
        }
        MapOutput out = mergeAndDelete(runs, outputName);
        combine.counters().engine(EngineCounters.MERGE_PASSES).increment(1);
        return out;
    }

    private MapOutput mergeAndDelete(List<MapOutput> runs, String name) throws IOException {
        MapOutput out;
        try (SegmentWriter writer = new SegmentWriter(s.dir(), name, s.partitions())) {
            for (int p = 0; p < s.partitions(); p++) {
                writer.startPartition(p);
                try (MergingStream merged = open(runs, p)) {
                    combine.write(merged, writer);
                    tick((int) (merged.handedOut() % MergingStream.TICK_EVERY)); // the rest since its last tick
                }
            }
            out = writer.commit();
            combine.counters().engine(EngineCounters.LOCAL_BYTES_WRITTEN).increment(writer.bytesWritten());
        }
        runs.forEach(r -> r.index().entries().forEach(e ->
                combine.counters().engine(EngineCounters.LOCAL_BYTES_READ).increment(e.length())));
        delete(runs);
        return out;
    }

    /**
     * The records the passes of a merge of runs of these sizes read: every run of a group merged in
     * an intermediate pass, then every run of the final pass. An upper bound: a combiner may make
     * an intermediate pass's output smaller than its input.
     */
    static long recordsToRead(List<Long> runs, int fanIn) {
        long total = 0;
        List<Long> sizes = runs;
        while (sizes.size() > fanIn) {
            List<Long> merged = new ArrayList<>();
            for (int i = 0; i < sizes.size(); i += fanIn) {
                List<Long> group = sizes.subList(i, Math.min(i + fanIn, sizes.size()));
                long sum = group.stream().mapToLong(Long::longValue).sum();
                total += group.size() > 1 ? sum : 0; // a group of one is not merged
                merged.add(sum);
            }
            sizes = merged;
        }
        return total + sizes.stream().mapToLong(Long::longValue).sum();
    }

    private void tick(int more) {
        read += more;
        progress.progress((float) Math.min(1.0, (double) read / Math.max(1, toRead)));
    }

    private MergingStream open(List<MapOutput> outputs, int partition) throws IOException {
        List<RecordStream> streams = new ArrayList<>(outputs.size());
        try {
            for (MapOutput o : outputs) {
                IndexFile.Entry e = o.index().entry(partition);
                streams.add(SegmentReader.open(o.data(), e.offset(), e.length()));
            }
        } catch (IOException e) {
            new MergingStream(streams, s.comparator()).close();
            throw e;
        }
        return new MergingStream(streams, s.comparator(), this::tick);
    }

    static void delete(List<MapOutput> outputs) throws IOException {
        for (MapOutput o : outputs) {
            Files.deleteIfExists(o.data());
            Files.deleteIfExists(o.indexPath());
        }
    }
}
