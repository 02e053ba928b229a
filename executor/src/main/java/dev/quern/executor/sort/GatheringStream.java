package dev.quern.executor.sort;

import static dev.quern.executor.sort.SortBuffer.KEY_LENGTH;
import static dev.quern.executor.sort.SortBuffer.KEY_START;
import static dev.quern.executor.sort.SortBuffer.META_INTS;
import static dev.quern.executor.sort.SortBuffer.VALUE_LENGTH;

import dev.quern.executor.merge.RecordStream;

/**
 * The sorted records of one partition of a {@link SortBuffer}, copied in batches into a small array
 * in sorted order before they are handed out. Sorted order is random order in the buffer: a consumer
 * that compares each key with the previous one (the combiner's grouping, the spill writer) would wait
 * on a cache miss per record, one after the other. The copy loop's loads do not depend on each other,
 * so the processor overlaps their misses; the consumer then reads a few hundred KiB sequentially.
 * A record too large for the batch array is handed out where it lies.
 */
final class GatheringStream implements RecordStream {

    private static final int BATCH_BYTES = 256 * 1024;
    private static final int BATCH_RECORDS = 8192;
    /** Records whose bytes are loaded ahead of their copies, at a time. */
    private static final int TOUCH_AHEAD = 256;

    private final byte[] data;
    private final int[] meta;
    private final int[] order;
    private final int to;
    private int next;

    private final byte[] batch = new byte[BATCH_BYTES];
    private final int[] keyStart = new int[BATCH_RECORDS];
    private final int[] valueStart = new int[BATCH_RECORDS];
    private final int[] recordEnd = new int[BATCH_RECORDS];
    private int batchSize;
    private int current = -1;
    private byte[] currentBuffer;
    private int kOff;
    private int kLen;
    private int vOff;
    private int vLen;
    /** The loads ahead of the copies add up here, so that the compiler keeps them. */
    private int sink;

    /** The records in slots {@code order[from, to)} of a {@link SortBuffer}'s rings. */
    GatheringStream(byte[] data, int[] meta, int[] order, int from, int to) {
        this.data = data;
        this.meta = meta;
        this.order = order;
        this.next = from;
        this.to = to;
    }

    @Override
    public boolean next() {
        if (++current >= batchSize) {
            if (next >= to) {
                return false;
            }
            fill();
            current = 0;
        }
        if (batchSize == 0) {
            return handOutInPlace();
        }
        currentBuffer = batch;
        kOff = keyStart[current];
        vOff = valueStart[current];
        kLen = vOff - kOff;
        vLen = recordEnd[current] - vOff;
        return true;
    }

    /**
     * Copies the next records, in order, while they fit; none if the very next one alone does not.
     * In passes: first the metadata of a batch; then, a few dozen records at a time, one load of
     * each record's first and last byte, and only then their copies. A copy is a call with
     * length-dependent branches, so the processor can have only a few of them, and their cache
     * misses, in flight at once; a loop of bare loads has dozens. A synthetic copy of this loop
     * (2.5 M records of 11-22 bytes in random order from 64 MiB): 111-142 ns a record in one pass,
     * 60-64 ns with the metadata first, 44-47 ns with the loads before the copies. In a real map the
     * gain is smaller: the gather's samples per sample of mapper work, 0.19-0.21 before, 0.16-0.17.
     */
    private void fill() {
        int n = Math.min(BATCH_RECORDS, to - next);
        for (int i = 0; i < n; i++) {
            int m = order[next + i] * META_INTS;
            keyStart[i] = meta[m + KEY_START];
            valueStart[i] = meta[m + KEY_LENGTH];
            recordEnd[i] = meta[m + VALUE_LENGTH];
        }
        int used = 0;
        int k = 0;
        int touched = 0;
        while (k < n) {
            int end = Math.min(n, k + TOUCH_AHEAD);
            for (int i = k; i < end; i++) {
                int start = keyStart[i];
                int length = valueStart[i] + recordEnd[i];
                if (length > 0) {
                    touched += data[start] + data[start + length - 1];
                }
            }
            for (; k < end; k++) {
                int start = keyStart[k];
                int keyLength = valueStart[k];
                int length = keyLength + recordEnd[k];
                if (used + length > BATCH_BYTES) {
                    n = k; // ends the outer loop too
                    break;
                }
                System.arraycopy(data, start, batch, used, length);
                keyStart[k] = used;
                valueStart[k] = used + keyLength;
                used += length;
                recordEnd[k] = used;
            }
        }
        sink += touched;
        next += k;
        batchSize = k;
    }

    private boolean handOutInPlace() {
        int m = order[next++] * META_INTS;
        currentBuffer = data;
        kOff = meta[m + KEY_START];
        kLen = meta[m + KEY_LENGTH];
        vOff = kOff + kLen;
        vLen = meta[m + VALUE_LENGTH];
        current = 0; // a "batch" of one, which the next call moves past
        batchSize = 1;
        return true;
    }

    @Override public byte[] keyBuffer() { return currentBuffer; }
    @Override public int keyOffset() { return kOff; }
    @Override public int keyLength() { return kLen; }
    @Override public byte[] valueBuffer() { return currentBuffer; }
    @Override public int valueOffset() { return vOff; }
    @Override public int valueLength() { return vLen; }
    @Override public void close() {}
}
