package dev.quern.coordinator.split;

import dev.quern.proto.Split;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the numbers {@code 0 .. count-1} of a RANGE input into {@code splits} consecutive ranges as
 * even as possible: the first {@code count % splits} ranges have one number more than the others.
 * A split's path is empty and {@code [start, start + length)} are its numbers. Empty ranges (fewer
 * numbers than splits, or none) are dropped, as empty text splits are, so {@code count = 0} gives no
 * map task at all.
 */
public final class RangeSplitter {

    private RangeSplitter() {}

    public static List<Split> split(long count, int splits, int inputIndex) {
        if (count < 0 || splits < 1 || inputIndex < 0) {
            throw new IllegalArgumentException("a range needs count >= 0, splits >= 1 and an input index >= 0, got "
                    + count + ", " + splits + ", " + inputIndex);
        }
        long base = count / splits;
        long extra = count % splits;
        List<Split> out = new ArrayList<>();
        for (int k = 0; k < splits; k++) {
            long start = k * base + Math.min(k, extra); // <= count: no overflow
            long length = base + (k < extra ? 1 : 0);
            if (length > 0) {
                out.add(Split.newBuilder().setStart(start).setLength(length).setInputIndex(inputIndex).build());
            }
        }
        return List.copyOf(out);
    }
}
