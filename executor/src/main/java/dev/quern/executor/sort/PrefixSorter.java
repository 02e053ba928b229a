package dev.quern.executor.sort;

/**
 * Sorts record indices by a 64-bit key prefix kept beside them, for keys in unsigned byte order (the
 * default). Most comparisons then read two longs from sequential memory instead of following two
 * indices into the record bytes. Stable: equal keys keep their order.
 *
 * <pre>
 *  prefix = | key bytes 0..6, zero-padded (56 bits) | length if <= 7, else 0xFF (8 bits) |
 * </pre>
 * Compared as unsigned longs, prefixes order keys as their bytes do whenever they differ: a shorter
 * key that the other extends is smaller, through its padding or its length byte. When two prefixes
 * are equal and the length byte is not 0xFF the keys are equal; only two keys of 8 bytes or more
 * with equal first 7 bytes need the full comparison.
 */
final class PrefixSorter {

    private static final int INSERTION_SORT_MAX = 16;
    /** Below this many records a merge sort beats clearing the radix counts. */
    private static final int RADIX_MIN = 4096;
    private static final int RADIX_BITS = 16;
    private static final int RADIX_MASK = (1 << RADIX_BITS) - 1;

    private PrefixSorter() {}

    private static final int LONG_KEY = 0xFF;

    /** The sort prefix of {@code bytes[offset, offset + length)}. */
    static long prefix(byte[] bytes, int offset, int length) {
        long p = 0;
        int n = Math.min(7, length);
        for (int i = 0; i < n; i++) {
            p = p << 8 | (bytes[offset + i] & 0xff);
        }
        return p << (8 * (8 - n)) | (length <= 7 ? length : LONG_KEY);
    }

    /**
     * Sorts {@code idx[from, to)} with their prefixes {@code pre[from, to)}, moving both; {@code full}
     * decides ties of equal prefixes. {@code second[from, to)}, when not null, holds each key's next
     * prefix ({@code deeper.prefix(record, 7)} for keys of 8 bytes or more, else anything) and moves
     * with them: computed while the keys were read in order, it spares a tied long key a read of its
     * bytes at a random place, a cache miss per record. The scratch arrays are as long as the arrays.
     */
    static void sort(long[] pre, long[] second, int[] idx, int from, int to, long[] scratchPre, long[] scratchSecond,
            int[] scratchIdx, RecordSorter.IndexComparator full, KeyPrefixes deeper) {
        if (to - from < RADIX_MIN) {
            System.arraycopy(pre, from, scratchPre, from, to - from);
            System.arraycopy(idx, from, scratchIdx, from, to - from);
            mergeSort(scratchPre, scratchIdx, pre, idx, from, to, full);
            return;
        }
        radixSort(pre, second, idx, from, to, scratchPre, scratchSecond, scratchIdx);
        sortTies(pre, second, idx, from, to, scratchPre, scratchIdx, full, deeper);
    }

    /**
     * LSD radix sort on the unsigned prefix, 16 bits a pass, moving prefix and index together: linear
     * and stable. A pass whose digit is the same for every record is skipped.
     */
    private static void radixSort(long[] pre, long[] second, int[] idx, int from, int to, long[] tmpPre,
            long[] tmpSecond, int[] tmpIdx) {
        int n = to - from;
        int[] count = new int[1 << RADIX_BITS];
        long[] srcPre = pre;
        long[] srcSecond = second;
        int[] srcIdx = idx;
        long[] dstPre = tmpPre;
        long[] dstSecond = tmpSecond;
        int[] dstIdx = tmpIdx;
        for (int shift = 0; shift < 64; shift += RADIX_BITS) {
            java.util.Arrays.fill(count, 0);
            for (int i = from; i < to; i++) {
                count[(int) (srcPre[i] >>> shift) & RADIX_MASK]++;
            }
            if (count[(int) (srcPre[from] >>> shift) & RADIX_MASK] == n) {
                continue; // every record has this digit
            }
            int position = from;
            for (int d = 0; d < count.length; d++) {
                int c = count[d];
                count[d] = position;
                position += c;
            }
            if (second == null) {
                for (int i = from; i < to; i++) {
                    int at = count[(int) (srcPre[i] >>> shift) & RADIX_MASK]++;
                    dstPre[at] = srcPre[i];
                    dstIdx[at] = srcIdx[i];
                }
            } else {
                for (int i = from; i < to; i++) {
                    int at = count[(int) (srcPre[i] >>> shift) & RADIX_MASK]++;
                    dstPre[at] = srcPre[i];
                    dstSecond[at] = srcSecond[i];
                    dstIdx[at] = srcIdx[i];
                }
                long[] s = srcSecond;
                srcSecond = dstSecond;
                dstSecond = s;
            }
            long[] p = srcPre;
            srcPre = dstPre;
            dstPre = p;
            int[] x = srcIdx;
            srcIdx = dstIdx;
            dstIdx = x;
        }
        if (srcPre != pre) {
            System.arraycopy(srcPre, from, pre, from, n);
            System.arraycopy(srcIdx, from, idx, from, n);
            if (second != null) {
                System.arraycopy(srcSecond, from, second, from, n);
            }
        }
    }

    /**
     * Orders each run of equal prefixes of long keys (8 bytes or more), stably. The run is sorted by
     * the next 7 bytes of its keys as a prefix of the same layout, read once per record, then by the
     * next 7 for runs still tied, and so on: a run of one word repeated thousands of times (common in
     * text) costs one pass over its records, where comparisons would follow two indices into the
     * record bytes per step.
     */
    private static void sortTies(long[] pre, long[] second, int[] idx, int from, int to, long[] scratchPre,
            int[] scratchIdx, RecordSorter.IndexComparator full, KeyPrefixes deeper) {
        int i = from;
        while (i < to) {
            int j = i + 1;
            while (j < to && pre[j] == pre[i]) {
                j++;
            }
            if (j - i > 1 && (pre[i] & 0xFF) == LONG_KEY) {
                long tied = pre[i];
                sortRun(idx, second, i, j, PREFIX_BYTES, pre, scratchPre, scratchIdx, full, deeper);
                java.util.Arrays.fill(pre, i, j, tied);
            }
            i = j;
        }
    }

    private static final int PREFIX_BYTES = 7;
    /** Past this many key bytes, ties are left to the full comparison. */
    private static final int MAX_SKIP = 8 * PREFIX_BYTES;

    /**
     * Sorts idx[i, j), whose keys agree on their first {@code skip} bytes; pre[i, j) is scratch.
     * {@code second[i, j)}, if not null, holds the prefixes at skip 7, in idx's order.
     */
    private static void sortRun(int[] idx, long[] second, int i, int j, int skip, long[] pre, long[] level,
            int[] scratchIdx, RecordSorter.IndexComparator full, KeyPrefixes deeper) {
        if (skip > MAX_SKIP) {
            RecordSorter.sort(idx, i, j, full);
            return;
        }
        boolean allEqual = true;
        if (second != null && skip == PREFIX_BYTES) {
            System.arraycopy(second, i, level, i, j - i);
        } else {
            for (int k = i; k < j; k++) {
                level[k] = deeper.prefix(idx[k], skip);
            }
        }
        for (int k = i; k < j; k++) {
            allEqual &= level[k] == level[i];
        }
        if (!allEqual) {
            System.arraycopy(level, i, pre, i, j - i);
            System.arraycopy(idx, i, scratchIdx, i, j - i);
            mergeSort(pre, scratchIdx, level, idx, i, j, null);
        }
        int a = i;
        while (a < j) {
            int b = a + 1;
            while (b < j && level[b] == level[a]) {
                b++;
            }
            if (b - a > 1 && (level[a] & 0xFF) == LONG_KEY) {
                sortRun(idx, null, a, b, skip + PREFIX_BYTES, pre, level, scratchIdx, full, deeper);
            }
            a = b;
        }
    }

    /** The sort prefix of a record's key with its first {@code skip} bytes dropped. */
    @FunctionalInterface
    interface KeyPrefixes {
        long prefix(int record, int skip);
    }

    private static int compare(long pa, int ia, long pb, int ib, RecordSorter.IndexComparator full) {
        int c = Long.compareUnsigned(pa, pb);
        if (c != 0 || (pa & 0xFF) != LONG_KEY || full == null) {
            return c; // differ, or equal keys of at most 7 bytes, or no tie-breaker asked for
        }
        return full.compare(ia, ib);
    }

    /** Sorts src[from, to) into dst[from, to); both hold the same values on entry. */
    private static void mergeSort(long[] srcPre, int[] srcIdx, long[] dstPre, int[] dstIdx, int from, int to,
            RecordSorter.IndexComparator full) {
        if (to - from <= INSERTION_SORT_MAX) {
            for (int i = from + 1; i < to; i++) {
                long p = dstPre[i];
                int v = dstIdx[i];
                int j = i - 1;
                while (j >= from && compare(dstPre[j], dstIdx[j], p, v, full) > 0) {
                    dstPre[j + 1] = dstPre[j];
                    dstIdx[j + 1] = dstIdx[j];
                    j--;
                }
                dstPre[j + 1] = p;
                dstIdx[j + 1] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(dstPre, dstIdx, srcPre, srcIdx, from, mid, full);
        mergeSort(dstPre, dstIdx, srcPre, srcIdx, mid, to, full);
        if (compare(srcPre[mid - 1], srcIdx[mid - 1], srcPre[mid], srcIdx[mid], full) <= 0) {
            System.arraycopy(srcPre, from, dstPre, from, to - from);
            System.arraycopy(srcIdx, from, dstIdx, from, to - from);
            return;
        }
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to || (i < mid && compare(srcPre[i], srcIdx[i], srcPre[j], srcIdx[j], full) <= 0)) {
                dstPre[k] = srcPre[i];
                dstIdx[k] = srcIdx[i++];
            } else {
                dstPre[k] = srcPre[j];
                dstIdx[k] = srcIdx[j++];
            }
        }
    }
}
