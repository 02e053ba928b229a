package dev.quern.executor.sort;

import dev.quern.api.KeyComparator;
import dev.quern.executor.merge.RecordStream;
import java.util.Arrays;

/**
 * Serialized map output records waiting to be sorted and spilled: the bytes of each key and value
 * back to back in one array, and per record four ints of metadata (partition, key start, key
 * length, value length). Callers check {@link #isFull()} after each record and spill.
 *
 * <p>A record is written in three steps so that the partition can be computed from the serialized
 * key: {@link #output()} to serialize the key, then the value, then {@link #commit}.
 */
public final class SortBuffer {

    private static final int META_INTS = 4;

    private final long budget;
    private final BufferOutput data;
    private int[] meta = new int[META_INTS * 1024];
    private int records;
    private int[] order = new int[0];
    private int[] partitionStart;

    public SortBuffer(long budgetBytes) {
        this.budget = budgetBytes;
        this.data = new BufferOutput((int) Math.min(budgetBytes, 1 << 20));
    }

    /** Where codecs serialize the next record; {@link BufferOutput#size()} marks its start. */
    public BufferOutput output() {
        return data;
    }

    /** Records a record whose key is {@code [keyStart, keyEnd)} and whose value runs to the end of the data. */
    public void commit(int partition, int keyStart, int keyEnd) {
        if (records * META_INTS == meta.length) {
            meta = Arrays.copyOf(meta, meta.length * 2);
        }
        int m = records * META_INTS;
        meta[m] = partition;
        meta[m + 1] = keyStart;
        meta[m + 2] = keyEnd - keyStart;
        meta[m + 3] = data.size() - keyEnd;
        records++;
    }

    public int records() { return records; }

    public long bytesUsed() {
        return data.size() + (long) records * META_INTS * Integer.BYTES;
    }

    public boolean isFull() {
        return bytesUsed() >= budget;
    }

    /** Sorts the records by (partition, key), stably, by moving ints only. */
    public void sort(KeyComparator comparator, int partitions) {
        order = new int[records];
        for (int i = 0; i < records; i++) {
            order[i] = i;
        }
        RecordSorter.sort(order, (a, b) -> {
            int pa = meta[a * META_INTS];
            int pb = meta[b * META_INTS];
            if (pa != pb) {
                return Integer.compare(pa, pb);
            }
            byte[] bytes = data.array();
            return comparator.compare(bytes, meta[a * META_INTS + 1], meta[a * META_INTS + 2],
                    bytes, meta[b * META_INTS + 1], meta[b * META_INTS + 2]);
        });
        partitionStart = new int[partitions + 1];
        int p = 0;
        for (int i = 0; i < records; i++) {
            int part = meta[order[i] * META_INTS];
            while (p <= part) {
                partitionStart[p++] = i;
            }
        }
        while (p <= partitions) {
            partitionStart[p++] = records;
        }
    }

    /** The sorted records of one partition; valid after {@link #sort} until {@link #reset}. */
    public RecordStream partition(int partition) {
        int from = partitionStart[partition];
        int to = partitionStart[partition + 1];
        return new RecordStream() {
            private int i = from - 1;
            private int m;

            @Override
            public boolean next() {
                if (++i >= to) {
                    return false;
                }
                m = order[i] * META_INTS;
                return true;
            }

            @Override public byte[] keyBuffer() { return data.array(); }
            @Override public int keyOffset() { return meta[m + 1]; }
            @Override public int keyLength() { return meta[m + 2]; }
            @Override public byte[] valueBuffer() { return data.array(); }
            @Override public int valueOffset() { return meta[m + 1] + meta[m + 2]; }
            @Override public int valueLength() { return meta[m + 3]; }
            @Override public void close() {}
        };
    }

    public void reset() {
        data.reset();
        records = 0;
        order = new int[0];
        partitionStart = null;
    }
}
