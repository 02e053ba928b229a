package dev.quern.coordinator.split;

import dev.quern.proto.Split;
import java.util.ArrayList;
import java.util.List;

/**
 * Packs small files into shared splits ({@code quern.split.combine}), so that 200 files of a few
 * kilobytes make a few map tasks, not 200. A file whose one split covers it whole and is smaller than
 * the target is small; runs of consecutive small files are packed greedily, in order, into combined
 * splits of at most {@code target} bytes (drawn in the {@linkplain dev.quern.coordinator.split package}).
 * Every other split passes through unchanged and in place, so the splits stay in input order and a
 * map-only job's part files still follow the input.
 */
public final class SmallFileCombiner {

    private SmallFileCombiner() {}

    /**
     * @param splits one input's splits, in order, as {@link InputSplitter#split} made them
     * @param target the most bytes of files one combined split holds (the split size)
     */
    public static List<Split> combine(List<Split> splits, long target) {
        if (target < 1) {
            throw new IllegalArgumentException("combined split target must be positive, was " + target);
        }
        List<Split> out = new ArrayList<>();
        List<Split> pack = new ArrayList<>();
        long packed = 0;
        for (int i = 0; i < splits.size(); i++) {
            Split s = splits.get(i);
            if (!isSmallWholeFile(splits, i, target)) {
                flush(pack, packed, out);
                pack.clear();
                packed = 0;
                out.add(s);
                continue;
            }
            if (packed + s.getLength() > target) {
                flush(pack, packed, out);
                pack.clear();
                packed = 0;
            }
            pack.add(s);
            packed += s.getLength();
        }
        flush(pack, packed, out);
        return List.copyOf(out);
    }

    /** A file's only split (it starts at 0 and the next split is of another file), smaller than the target. */
    private static boolean isSmallWholeFile(List<Split> splits, int i, long target) {
        Split s = splits.get(i);
        boolean last = i + 1 == splits.size() || !splits.get(i + 1).getPath().equals(s.getPath());
        return !s.getPath().isEmpty() && s.getStart() == 0 && last && s.getLength() < target;
    }

    private static void flush(List<Split> pack, long packed, List<Split> out) {
        if (pack.size() == 1) {
            out.add(pack.get(0)); // one file needs no wrapper
        } else if (pack.size() > 1) {
            out.add(Split.newBuilder().setStart(0).setLength(packed).setInputIndex(pack.get(0).getInputIndex())
                    .addAllFiles(pack).build());
        }
    }
}
