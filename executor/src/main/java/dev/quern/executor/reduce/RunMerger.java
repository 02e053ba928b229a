package dev.quern.executor.reduce;

import dev.quern.api.KeyComparator;
import dev.quern.executor.merge.MergingStream;
import dev.quern.executor.merge.RecordStream;
import dev.quern.executor.shuffle.fetch.FetchedSegment;
import dev.quern.executor.spill.IndexFile;
import dev.quern.executor.spill.MapOutput;
import dev.quern.executor.spill.SegmentReader;
import dev.quern.executor.spill.SegmentWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the reduce-side merge within a fan-in: while there are more sorted runs than
 * {@code fanIn}, consecutive groups of them are merged into one file each, pass after pass.
 * Consecutive, so that equal keys keep map order. Then one final merge can open every run, and
 * it streams into {@code reduce} without being written.
 */
final class RunMerger {

    private final KeyComparator comparator;
    private final int fanIn;
    private final Path dir;
    private int passes;
    private long bytesWritten;

    RunMerger(KeyComparator comparator, int fanIn, Path dir) {
        if (fanIn < 2) {
            throw new IllegalArgumentException("merge fan-in must be >= 2, got " + fanIn);
        }
        this.comparator = comparator;
        this.fanIn = fanIn;
        this.dir = dir;
    }

    /** Reduces {@code runs} to at most {@code fanIn} runs; merged inputs are deleted. */
    List<FetchedSegment> reduceTo(List<FetchedSegment> runs) throws IOException {
        List<FetchedSegment> current = runs;
        while (current.size() > fanIn) {
            List<FetchedSegment> next = new ArrayList<>();
            for (int i = 0; i < current.size(); i += fanIn) {
                List<FetchedSegment> group = current.subList(i, Math.min(i + fanIn, current.size()));
                next.add(group.size() == 1 ? group.get(0) : merge(group, String.format("merge-%d-%05d", passes, i)));
            }
            passes++;
            current = next;
        }
        return current;
    }

    /** Bytes of runs written by the intermediate passes (each is also read once more). */
    long bytesWritten() {
        return bytesWritten;
    }

    /** Intermediate passes run so far (the final, streaming merge is not counted). */
    int passes() {
        return passes;
    }

    /** Opens the final merge over at most {@code fanIn} runs. */
    MergingStream open(List<FetchedSegment> runs) throws IOException {
        List<RecordStream> streams = new ArrayList<>(runs.size());
        try {
            for (FetchedSegment s : runs) {
                streams.add(SegmentReader.open(s.file(), 0, s.length()));
            }
        } catch (IOException e) {
            new MergingStream(streams, comparator).close();
            throw e;
        }
        return new MergingStream(streams, comparator);
    }

    private FetchedSegment merge(List<FetchedSegment> group, String name) throws IOException {
        MapOutput merged;
        try (MergingStream in = open(group); SegmentWriter out = new SegmentWriter(dir, name, 1)) {
            out.startPartition(0);
            while (in.next()) {
                out.append(in.keyBuffer(), in.keyOffset(), in.keyLength(), in.valueBuffer(), in.valueOffset(), in.valueLength());
            }
            merged = out.commit();
        }
        for (FetchedSegment s : group) {
            Files.deleteIfExists(s.file());
        }
        Files.deleteIfExists(merged.indexPath()); // one partition: the data file is the whole run
        IndexFile.Entry e = merged.index().entry(0);
        bytesWritten += e.length();
        return new FetchedSegment(merged.data(), e.length(), e.records());
    }
}
