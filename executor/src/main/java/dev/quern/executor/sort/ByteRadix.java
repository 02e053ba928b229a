package dev.quern.executor.sort;

/**
 * A stable MSD radix sort of unsigned 64-bit keys, a byte a pass from the top, with an int (and
 * optionally a second long) moving beside each key. A bucket's counting pass also ORs together the
 * bits in which each key differs from the first: a bucket of equal keys ends there, and bytes that
 * every key shares are skipped (counted again at the first byte that differs). The bucket is then
 * scattered by that byte into the scratch arrays (or back) and each of its buckets sorted the same
 * way; buckets of a few records are insertion-sorted. 256 counts stay in L1, and a scatter writes to
 * at most 256 places.
 *
 * <p>Every loop over the keys is a small method of its own, and buckets wait on a stack instead of
 * in recursive calls: the JIT compiles each loop small and once, where several loops in one
 * rarely-called method were compiled again and again (on-stack replacement, a compile per loop, each
 * inlining the whole method), and recursive calls were inlined into each other. Not thread-safe;
 * reusable.
 */
final class ByteRadix {

    /** Buckets up to this size are insertion-sorted. */
    static final int INSERTION_MAX = 16;

    /** A bucket's counts by byte, then its buckets' starts, then their ends. */
    private final int[] count = new int[256];
    /** Below this many records a bucket's digits are looked up before its counts are added up. */
    private static final int SMALL_BUCKET = 256;

    /** Buckets still to sort, depth first: at most 255 waiting per byte of the key, plus one. */
    private final int[] stackFrom = new int[8 * 255 + 1];
    private final int[] stackTo = new int[8 * 255 + 1];
    private final boolean[] stackInScratch = new boolean[8 * 255 + 1];
    private final int[] stackShift = new int[8 * 255 + 1];
    private int depth;
    private long[] pre;
    private long[] second;
    private int[] idx;
    private long[] tmpPre;
    private long[] tmpSecond;
    private int[] tmpIdx;

    /**
     * Sorts {@code pre[from, to)} as unsigned longs, moving {@code idx} (and {@code second}, if not
     * null) with it; the scratch arrays are used over the same range.
     */
    void sort(long[] pre, long[] second, int[] idx, int from, int to, long[] tmpPre, long[] tmpSecond, int[] tmpIdx) {
        this.pre = pre;
        this.second = second;
        this.idx = idx;
        this.tmpPre = tmpPre;
        this.tmpSecond = tmpSecond;
        this.tmpIdx = tmpIdx;
        depth = 0;
        try {
            // The one loop of the sort: a bucket at a time, each step's loops in methods of their own.
            push(from, to, false, 56);
            while (depth > 0) {
                depth--;
                sortBucket(stackFrom[depth], stackTo[depth], stackInScratch[depth], stackShift[depth]);
            }
        } finally {
            this.pre = this.second = this.tmpPre = this.tmpSecond = null;
            this.idx = this.tmpIdx = null;
        }
    }

    private void push(int from, int to, boolean inScratch, int shift) {
        stackShift[depth] = shift;
        stackFrom[depth] = from;
        stackTo[depth] = to;
        stackInScratch[depth] = inScratch;
        depth++;
    }

    /**
     * Sorts [from, to), whose records lie in the scratch arrays if {@code inScratch}, into the main
     * ones, or scatters it by its first differing byte and pushes the buckets. Its keys agree above
     * the byte at {@code guess}: that byte is counted in the pass that finds the differing bits, and
     * counted again only if every key has the same there.
     */
    private void sortBucket(int from, int to, boolean inScratch, int guess) {
        long[] p = inScratch ? tmpPre : pre;
        long[] s = inScratch ? tmpSecond : second;
        int[] x = inScratch ? tmpIdx : idx;
        if (to - from <= INSERTION_MAX) {
            insertionSort(p, s, x, from, to);
        } else {
            long diff = countDigits(p, from, to, guess, count);
            if (diff != 0) {
                int shift = (63 - Long.numberOfLeadingZeros(diff)) & ~7;
                if (shift != guess) {
                    countDigits(p, from, to, shift, count);
                }
                split(p, s, x, from, to, shift, !inScratch);
                return;
            }
        }
        if (inScratch) {
            System.arraycopy(tmpPre, from, pre, from, to - from);
            System.arraycopy(tmpIdx, from, idx, from, to - from);
            if (second != null) {
                System.arraycopy(tmpSecond, from, second, from, to - from);
            }
        }
    }

    /** Scatters [from, to) by the byte at {@code shift} into the other arrays, and pushes the buckets. */
    private void split(long[] p, long[] s, int[] x, int from, int to, int shift, boolean toScratch) {
        // A small bucket uses few of the 256 digits: the loops over the counts run over those only.
        int range = to - from < SMALL_BUCKET ? digitRange(p, from, to, shift) : 0xFF;
        int lo = range >>> 8;
        int hi = range & 0xFF;
        toStarts(count, from, lo, hi);
        long[] dp = toScratch ? tmpPre : pre;
        int[] dx = toScratch ? tmpIdx : idx;
        if (s == null) {
            scatter(p, x, dp, dx, from, to, shift, count);
        } else {
            scatter(p, s, x, dp, toScratch ? tmpSecond : second, dx, from, to, shift, count);
        }
        pushBuckets(from, lo, hi, toScratch, Math.max(0, shift - 8));
    }

    /** Pushes the non-empty buckets, which the scatter left as each bucket's end in {@link #count}. */
    private void pushBuckets(int from, int lo, int hi, boolean inScratch, int shift) {
        int start = from;
        for (int d = lo; d <= hi; d++) {
            int end = count[d];
            if (end > start) {
                push(start, end, inScratch, shift);
            }
            start = end;
        }
    }

    /** The lowest digit at {@code shift} in [from, to) times 256 plus the highest. */
    private static int digitRange(long[] p, int from, int to, int shift) {
        int lo = 0xFF;
        int hi = 0;
        for (int i = from; i < to; i++) {
            int d = (int) (p[i] >>> shift) & 0xFF;
            lo = Math.min(lo, d);
            hi = Math.max(hi, d);
        }
        return lo << 8 | hi;
    }

    private static void toStarts(int[] count, int from, int lo, int hi) {
        int position = from;
        for (int d = lo; d <= hi; d++) {
            int c = count[d];
            count[d] = position;
            position += c;
        }
    }

    /** Counts [from, to) by the byte at {@code shift}; returns the bits in which some key differs from the first. */
    private static long countDigits(long[] p, int from, int to, int shift, int[] count) {
        java.util.Arrays.fill(count, 0);
        long first = p[from];
        long diff = 0;
        for (int i = from; i < to; i++) {
            long v = p[i];
            diff |= v ^ first;
            count[(int) (v >>> shift) & 0xFF]++;
        }
        return diff;
    }

    private static void scatter(long[] p, int[] x, long[] dp, int[] dx, int from, int to, int shift, int[] next) {
        for (int i = from; i < to; i++) {
            long v = p[i];
            int at = next[(int) (v >>> shift) & 0xFF]++;
            dp[at] = v;
            dx[at] = x[i];
        }
    }

    private static void scatter(long[] p, long[] s, int[] x, long[] dp, long[] ds, int[] dx, int from, int to, int shift,
            int[] next) {
        for (int i = from; i < to; i++) {
            long v = p[i];
            int at = next[(int) (v >>> shift) & 0xFF]++;
            dp[at] = v;
            ds[at] = s[i];
            dx[at] = x[i];
        }
    }

    /** Stable: a record moves only past strictly greater keys. */
    static void insertionSort(long[] p, long[] s, int[] x, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            long v = p[i];
            if (Long.compareUnsigned(p[i - 1], v) <= 0) {
                continue;
            }
            long sv = s == null ? 0 : s[i];
            int xv = x[i];
            int j = i - 1;
            while (j >= from && Long.compareUnsigned(p[j], v) > 0) {
                p[j + 1] = p[j];
                if (s != null) {
                    s[j + 1] = s[j];
                }
                x[j + 1] = x[j];
                j--;
            }
            p[j + 1] = v;
            if (s != null) {
                s[j + 1] = sv;
            }
            x[j + 1] = xv;
        }
    }
}
