package dev.quern.executor.merge;

import dev.quern.executor.task.ProgressListener;
import java.util.ArrayList;
import java.util.List;

/**
 * How far a merge in passes has got, as a fraction for a {@link ProgressListener}: the records read
 * so far over those its passes will read. A merge of many runs can take minutes, and the leader
 * times out an attempt whose progress stops moving. The merges group consecutive runs,
 * {@code fanIn} at a time, pass after pass, as {@code SpillMerger} and {@code RunMerger} do.
 */
public final class MergeProgress implements MergingStream.Tick {

    private final ProgressListener listener;
    private final long toRead;
    private long read;

    /**
     * For a merge of runs of {@code runRecords} records each; {@code finalPass}: whether the last pass,
     * over at most {@code fanIn} runs, is part of it (a map's is; a reduce's streams into the reducer).
     */
    public MergeProgress(List<Long> runRecords, int fanIn, boolean finalPass, ProgressListener listener) {
        this.listener = listener;
        this.toRead = recordsToRead(runRecords, fanIn, finalPass);
    }

    /**
     * The records the passes read: every run of a group merged in an intermediate pass (a group of
     * one is carried over unread), then, with {@code finalPass}, every run left. An upper bound: a
     * combiner may make a pass's output smaller than its input.
     */
    public static long recordsToRead(List<Long> runs, int fanIn, boolean finalPass) {
        long total = 0;
        List<Long> sizes = runs;
        while (sizes.size() > fanIn) {
            List<Long> merged = new ArrayList<>();
            for (int i = 0; i < sizes.size(); i += fanIn) {
                List<Long> group = sizes.subList(i, Math.min(i + fanIn, sizes.size()));
                long sum = group.stream().mapToLong(Long::longValue).sum();
                total += group.size() > 1 ? sum : 0;
                merged.add(sum);
            }
            sizes = merged;
        }
        return total + (finalPass ? sizes.stream().mapToLong(Long::longValue).sum() : 0);
    }

    @Override
    public void records(int more) {
        read += more;
        listener.progress((float) Math.min(1.0, (double) read / Math.max(1, toRead)));
    }

    /** Counts what {@code merged}, now drained, handed out since its last tick. */
    public void finished(MergingStream merged) {
        records((int) (merged.handedOut() % MergingStream.TICK_EVERY));
    }
}
