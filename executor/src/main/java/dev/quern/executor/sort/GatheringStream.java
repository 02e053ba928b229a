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
     * Two passes: first the metadata of a batch, then the records' bytes. In one pass, each copy's
     * branches wait on its metadata's cache miss and the misses come one after the other; split,
     * each pass's loads depend only on arrays already read, and gathering 2.5 M records from 32 MiB
     * rings took half the time (a synthetic copy of this loop).
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
        for (; k < n; k++) {
            int start = keyStart[k];
            int keyLength = valueStart[k];
            int length = keyLength + recordEnd[k];
            if (used + length > BATCH_BYTES) {
                break;
            }
            System.arraycopy(data, start, batch, used, length);
            keyStart[k] = used;
            valueStart[k] = used + keyLength;
            used += length;
            recordEnd[k] = used;
        }
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
