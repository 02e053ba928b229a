package dev.quern.executor.map;

import dev.quern.executor.merge.MergeProgress;
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
 * pass (consecutive, so that equal keys keep their order). Merged inputs are deleted. Its progress
 * ({@link MergeProgress}) goes to a listener as it goes.
 */
final class SpillMerger {

    /** At most this many spill files are open (and read through 64 KiB buffers) at once. */
    static final int FAN_IN = 64;

    private final MapOutputSettings s;
    private final CombineRunner combine;
    private final ProgressListener progress;

    /** {@code progress} hears the fraction of the merge done, 0 to 1. */
    SpillMerger(MapOutputSettings settings, CombineRunner combine, ProgressListener progress) {
        this.s = settings;
        this.combine = combine;
        this.progress = progress;
    }

    MapOutput merge(List<MapOutput> spills, String outputName) throws IOException {
        MergeProgress ticks = new MergeProgress(spills.stream().map(o -> o.index().totalRecords()).toList(), FAN_IN, true, progress);
        List<MapOutput> runs = new ArrayList<>(spills);
        for (int pass = 0; runs.size() > FAN_IN; pass++) {
            List<MapOutput> merged = new ArrayList<>();
            for (int i = 0; i < runs.size(); i += FAN_IN) {
                List<MapOutput> group = runs.subList(i, Math.min(i + FAN_IN, runs.size()));
                merged.add(group.size() == 1 ? group.get(0) : mergeAndDelete(group, String.format("merge-%d-%04d", pass, i), ticks));
            }
            runs = merged;
            combine.counters().engine(EngineCounters.MERGE_PASSES).increment(1);
        }
        MapOutput out = mergeAndDelete(runs, outputName, ticks);
        combine.counters().engine(EngineCounters.MERGE_PASSES).increment(1);
        return out;
    }

    private MapOutput mergeAndDelete(List<MapOutput> runs, String name, MergeProgress ticks) throws IOException {
        MapOutput out;
        try (SegmentWriter writer = new SegmentWriter(s.dir(), name, s.partitions())) {
            for (int p = 0; p < s.partitions(); p++) {
                writer.startPartition(p);
                try (MergingStream merged = open(runs, p, ticks)) {
                    combine.write(merged, writer);
                    ticks.finished(merged);
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

    private MergingStream open(List<MapOutput> outputs, int partition, MergeProgress ticks) throws IOException {
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
        return new MergingStream(streams, s.comparator(), ticks);
    }

    static void delete(List<MapOutput> outputs) throws IOException {
        for (MapOutput o : outputs) {
            Files.deleteIfExists(o.data());
            Files.deleteIfExists(o.indexPath());
        }
    }
}
