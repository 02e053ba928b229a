package dev.quern.executor.sort;

import dev.quern.api.KeyComparator;
import dev.quern.executor.merge.RecordStream;

/**
 * Serialized map output records waiting to be sorted and spilled, in two arrays allocated once: the
 * bytes of each key and value back to back, and per record three ints of metadata (partition, key
 * start, key length; the value runs to the next record's start). The budget is split between them
 * so that neither ever grows by copying; {@link #isFull()} says when either is full.
 *
 * <p>A record is written in three steps so that the partition can be computed from the serialized
 * key: {@link #output()} to serialize the key, then the value, then {@link #commit}. A record larger
 * than the data array grows it for that record alone; {@link #reset()} shrinks it back.
 */
public final class SortBuffer {

    private static final int META_INTS = 3;
    /** Data bytes per metadata int: records of ~12 bytes and more fill the data array first. */
    private static final int DATA_SHARE = 4;

    /** Room past the capacity for the record that fills it, so that it needs no copy. */
    private static final int SLACK = 64 * 1024;

    private final int dataCapacity;
    private final int[] meta;
    private BufferOutput data;
    private int records;
    // Sort arrays, allocated at the first spill and reused: the order of records, and their key prefixes.
    private int[] order = new int[0];
    private long[] prefixes = new long[0];
    private long[] scratchPrefixes = new long[0];
    private int[] scratchOrder = new int[0];
    private int[] partitionStart;

    public SortBuffer(long budgetBytes) {
        long clamped = Math.max(4096, Math.min(budgetBytes, Integer.MAX_VALUE - 64L));
        this.dataCapacity = (int) (clamped * DATA_SHARE / (DATA_SHARE + 4));
        int metaRecords = (int) Math.max(16, (clamped - dataCapacity) / (META_INTS * Integer.BYTES));
        this.meta = new int[metaRecords * META_INTS];
        this.data = new BufferOutput(dataCapacity + SLACK);
    }

    /** Where codecs serialize the next record; {@link BufferOutput#size()} marks its start. */
    public BufferOutput output() {
        return data;
    }

    /** Records a record whose key is {@code [keyStart, keyEnd)} and whose value runs to the end of the data. */
    public void commit(int partition, int keyStart, int keyEnd) {
        int m = records * META_INTS;
        meta[m] = partition;
        meta[m + 1] = keyStart;
        meta[m + 2] = keyEnd - keyStart;
        records++;
    }

    public int records() { return records; }

    /** True when the next record might not fit: spill before writing it. */
    public boolean isFull() {
        return data.size() >= dataCapacity || (records + 1) * META_INTS > meta.length;
    }

    /**
     * Sorts the records by (partition, key), stably, moving ints (and longs) only: a counting sort
     * groups them by partition, then each partition is sorted by key. With the default byte order
     * an 8-byte key prefix decides most comparisons ({@link PrefixSorter}).
     */
    public void sort(KeyComparator comparator, int partitions) {
        partitionStart = new int[partitions + 1];
        for (int i = 0; i < records; i++) {
            partitionStart[meta[i * META_INTS] + 1]++;
        }
        for (int p = 0; p < partitions; p++) {
            partitionStart[p + 1] += partitionStart[p];
        }
        if (order.length < records) {
            order = new int[meta.length / META_INTS]; // sized once for a full buffer, reused by every spill
        }
        int[] next = java.util.Arrays.copyOf(partitionStart, partitions);
        for (int i = 0; i < records; i++) {
            order[next[meta[i * META_INTS]]++] = i;
        }
        byte[] bytes = data.array();
        RecordSorter.IndexComparator byKey = (a, b) -> {
            int ma = a * META_INTS;
            int mb = b * META_INTS;
            return comparator.compare(bytes, meta[ma + 1], meta[ma + 2], bytes, meta[mb + 1], meta[mb + 2]);
        };
        if (comparator != KeyComparator.BYTES) {
            for (int p = 0; p < partitions; p++) {
                RecordSorter.sort(order, partitionStart[p], partitionStart[p + 1], byKey);
            }
            return;
        }
        if (prefixes.length < records) {
            int capacity = meta.length / META_INTS;
            prefixes = new long[capacity];
            scratchPrefixes = new long[capacity];
            scratchOrder = new int[capacity];
        }
        for (int i = 0; i < records; i++) {
            int m = order[i] * META_INTS;
            prefixes[i] = PrefixSorter.prefix(bytes, meta[m + 1], meta[m + 2]);
        }
        PrefixSorter.KeyPrefixes deeper = (record, skip) -> {
            int m = record * META_INTS;
            return PrefixSorter.prefix(bytes, meta[m + 1] + skip, meta[m + 2] - skip);
        };
        for (int p = 0; p < partitions; p++) {
            PrefixSorter.sort(prefixes, order, partitionStart[p], partitionStart[p + 1], scratchPrefixes, scratchOrder,
                    byKey, deeper);
        }
    }

    /** The sorted records of one partition; valid after {@link #sort} until {@link #reset}. */
    public RecordStream partition(int partition) {
        return new GatheringStream(data.array(), data.size(), meta, META_INTS, records, order,
                partitionStart[partition], partitionStart[partition + 1]);
    }

    public void reset() {
        if (data.array().length > dataCapacity + (dataCapacity >> 2)) {
            data = new BufferOutput(dataCapacity + SLACK); // a huge record grew it: give the memory back
        }
        data.reset();
        records = 0;
        partitionStart = null;
    }
}
