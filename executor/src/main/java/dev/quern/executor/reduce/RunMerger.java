package dev.quern.executor.reduce;

import dev.quern.api.KeyComparator;
import dev.quern.executor.merge.MergeProgress;
import dev.quern.executor.merge.MergingStream;
import dev.quern.executor.merge.RecordStream;
import dev.quern.executor.reduce.run.MergedRun;
import dev.quern.executor.reduce.run.RunFileWriter;
import dev.quern.executor.reduce.run.SortedRun;
import dev.quern.executor.task.ProgressListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the reduce-side merge within a fan-in: while there are more runs on disk than
 * {@code fanIn}, consecutive groups of them are merged into one run file each, pass after pass.
 * Then one final merge can open every run, and it streams into {@code reduce} without being written.
 * Runs in memory hold no file or read buffer, so only runs on disk count against the fan-in. Key
 * ties are broken by origin (map index), so how runs are grouped never changes the output.
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

    /** Reduces runs on disk to at most {@code fanIn} runs; merged inputs are deleted. */
    List<SortedRun> reduceTo(List<SortedRun> runs) throws IOException {
        return reduceTo(runs, fraction -> {});
    }

    /** {@link #reduceTo(List)}, telling {@code progress} the fraction of the passes' reading done. */
    List<SortedRun> reduceTo(List<SortedRun> runs, ProgressListener progress) throws IOException {
        MergeProgress ticks = new MergeProgress(runs.stream().map(SortedRun::records).toList(), fanIn, false, progress);
        List<SortedRun> current = runs;
        while (current.size() > fanIn) {
            List<SortedRun> next = new ArrayList<>();
            for (int i = 0; i < current.size(); i += fanIn) {
                List<SortedRun> group = current.subList(i, Math.min(i + fanIn, current.size()));
                next.add(group.size() == 1 ? group.get(0) : merge(group, String.format("merge-%d-%05d.run", passes, i), ticks));
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

    /** Opens the final merge over the runs (at most {@code fanIn} of them on disk). */
    MergingStream open(List<SortedRun> runs) throws IOException {
        return open(runs, null);
    }

    private MergingStream open(List<SortedRun> runs, MergingStream.Tick tick) throws IOException {
        List<RecordStream> streams = new ArrayList<>(runs.size());
        try {
            for (SortedRun run : runs) {
                streams.add(run.open());
            }
        } catch (IOException e) {
            new MergingStream(streams, comparator).close();
            throw e;
        }
        return new MergingStream(streams, comparator, tick);
    }

    private MergedRun merge(List<SortedRun> group, String name, MergeProgress ticks) throws IOException {
        MergedRun merged;
        try (MergingStream in = open(group, ticks)) {
            merged = RunFileWriter.writeAll(in, dir.resolve(name));
            ticks.finished(in);
        }
        for (SortedRun run : group) {
            run.delete();
        }
        bytesWritten += merged.length();
        return merged;
    }
}
