package dev.quern.executor.sort;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

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

    private static final int LONG_KEY = 0xFF;
    private static final VarHandle BIG_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private PrefixSorter() {}

    /** The sort prefix of {@code bytes[offset, offset + length)}. */
    static long prefix(byte[] bytes, int offset, int length) {
        if (offset > bytes.length - Long.BYTES) {
            return prefixNearEnd(bytes, offset, length);
        }
        // One 8-byte load instead of a loop over up to 7: the bytes past the key are masked off.
        long word = (long) BIG_ENDIAN_LONG.get(bytes, offset);
        long keep = ~(-1L >>> (8 * Math.min(7, length)));
        return word & keep | (length <= 7 ? length : LONG_KEY);
    }

    /** {@link #prefix} a byte at a time, for a key within 8 bytes of the end of its array. */
    static long prefixNearEnd(byte[] bytes, int offset, int length) {
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
     * bytes at a random place, a cache miss per record (within a run of tied prefixes it is left in no
     * particular order). The scratch arrays are as long as the arrays; {@code radix} is any idle one.
     */
    static void sort(long[] pre, long[] second, int[] idx, int from, int to, long[] scratchPre, long[] scratchSecond,
            int[] scratchIdx, RecordSorter.IndexComparator full, KeyPrefixes deeper, ByteRadix radix) {
        radix.sort(pre, second, idx, from, to, scratchPre, scratchSecond, scratchIdx);
        sortTies(pre, second, idx, from, to, scratchPre, scratchIdx, full, deeper, radix);
    }

    /**
     * Orders each run of equal prefixes of long keys (8 bytes or more), stably. The run is sorted by
     * the next 7 bytes of its keys as a prefix of the same layout, read once per record, then by the
     * next 7 for runs still tied, and so on: a run of one word repeated thousands of times (common in
     * text) costs one pass over its records, where comparisons would follow two indices into the
     * record bytes per step.
     */
    private static void sortTies(long[] pre, long[] second, int[] idx, int from, int to, long[] scratchPre,
            int[] scratchIdx, RecordSorter.IndexComparator full, KeyPrefixes deeper, ByteRadix radix) {
        for (int i = nextLongTie(pre, from, to); i < to; ) {
            int j = runEnd(pre, i, to);
            long tied = pre[i];
            sortRun(idx, second, i, j, PREFIX_BYTES, pre, scratchPre, scratchIdx, full, deeper, radix);
            java.util.Arrays.fill(pre, i, j, tied);
            i = nextLongTie(pre, j, to);
        }
    }

    /** The start of the first run of two or more equal prefixes of long keys in [from, to), or {@code to}. */
    private static int nextLongTie(long[] pre, int from, int to) {
        for (int i = from; i < to - 1; i++) {
            if (pre[i] == pre[i + 1] && (pre[i] & 0xFF) == LONG_KEY) {
                return i;
            }
        }
        return to;
    }

    /** The end of the run of prefixes equal to {@code pre[i]}. */
    private static int runEnd(long[] pre, int i, int to) {
        int j = i + 1;
        while (j < to && pre[j] == pre[i]) {
            j++;
        }
        return j;
    }

    private static final int PREFIX_BYTES = 7;
    /** Past this many key bytes, ties are left to the full comparison. */
    private static final int MAX_SKIP = 8 * PREFIX_BYTES;

    /**
     * Sorts idx[i, j), whose keys agree on their first {@code skip} bytes; pre[i, j) is scratch.
     * {@code second[i, j)}, if not null, holds the prefixes at skip 7, in idx's order.
     */
    private static void sortRun(int[] idx, long[] second, int i, int j, int skip, long[] pre, long[] level,
            int[] scratchIdx, RecordSorter.IndexComparator full, KeyPrefixes deeper, ByteRadix radix) {
        if (skip > MAX_SKIP) {
            RecordSorter.sort(idx, i, j, full);
            return;
        }
        if (second != null && skip == PREFIX_BYTES) {
            System.arraycopy(second, i, level, i, j - i);
        } else {
            levelPrefixes(idx, i, j, skip, level, deeper);
        }
        if (j - i <= ByteRadix.INSERTION_MAX) {
            ByteRadix.insertionSort(level, null, idx, i, j); // most runs: spares the radix sort a call per run
        } else {
            radix.sort(level, null, idx, i, j, pre, null, scratchIdx);
        }
        for (int a = nextLongTie(level, i, j); a < j; ) {
            int b = runEnd(level, a, j);
            sortRun(idx, null, a, b, skip + PREFIX_BYTES, pre, level, scratchIdx, full, deeper, radix);
            a = nextLongTie(level, b, j);
        }
    }

    private static void levelPrefixes(int[] idx, int i, int j, int skip, long[] level, KeyPrefixes deeper) {
        for (int k = i; k < j; k++) {
            level[k] = deeper.prefix(idx[k], skip);
        }
    }

    /** The sort prefix of a record's key with its first {@code skip} bytes dropped. */
    @FunctionalInterface
    interface KeyPrefixes {
        long prefix(int record, int skip);
    }
}
