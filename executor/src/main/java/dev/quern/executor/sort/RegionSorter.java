package dev.quern.executor.sort;

import static dev.quern.executor.sort.SortBuffer.KEY_LENGTH;
import static dev.quern.executor.sort.SortBuffer.KEY_START;
import static dev.quern.executor.sort.SortBuffer.META_INTS;
import static dev.quern.executor.sort.SortBuffer.PARTITION;

import dev.quern.api.KeyComparator;
import dev.quern.executor.merge.RecordStream;
import java.util.Arrays;

/**
 * Sorts the records of one {@link SortBuffer.Region} by (partition, key), stably, moving ints (and
 * longs) only: a counting sort groups them by partition, then each partition is sorted by key. With
 * the default byte order an 8-byte key prefix decides most comparisons ({@link PrefixSorter}). Its
 * arrays are allocated at the first sort, for a full buffer, and reused: one sorter serves the spills
 * of a map attempt one after the other.
 */
public final class RegionSorter {

    private final SortBuffer buffer;
    private int[] order = new int[0];
    private long[] prefixes = new long[0];
    private long[] scratchPrefixes = new long[0];
    private long[] seconds = new long[0];
    private long[] scratchSeconds = new long[0];
    private int[] scratchOrder = new int[0];
    private int[] partitionStart;

    public RegionSorter(SortBuffer buffer) {
        this.buffer = buffer;
    }

    /** Sorts the region's records; then {@link #partition} streams them. */
    public void sort(SortBuffer.Region region, KeyComparator comparator, int partitions) {
        int[] meta = buffer.meta();
        int slots = buffer.capacityRecords();
        int records = region.records();
        partitionStart = new int[partitions + 1];
        for (int i = 0, slot = region.firstSlot(); i < records; i++, slot = slot + 1 == slots ? 0 : slot + 1) {
            partitionStart[meta[slot * META_INTS + PARTITION] + 1]++;
        }
        for (int p = 0; p < partitions; p++) {
            partitionStart[p + 1] += partitionStart[p];
        }
        if (order.length < records) {
            order = new int[records]; // grows to the largest region: most spills are the same size
        }
        int[] next = Arrays.copyOf(partitionStart, partitions);
        for (int i = 0, slot = region.firstSlot(); i < records; i++, slot = slot + 1 == slots ? 0 : slot + 1) {
            order[next[meta[slot * META_INTS + PARTITION]]++] = slot; // in append order: stable
        }
        byte[] bytes = buffer.data();
        RecordSorter.IndexComparator byKey = (a, b) -> {
            int ma = a * META_INTS;
            int mb = b * META_INTS;
            return comparator.compare(bytes, meta[ma + KEY_START], meta[ma + KEY_LENGTH], bytes, meta[mb + KEY_START], meta[mb + KEY_LENGTH]);
        };
        if (comparator != KeyComparator.BYTES) {
            for (int p = 0; p < partitions; p++) {
                RecordSorter.sort(order, partitionStart[p], partitionStart[p + 1], byKey);
            }
            return;
        }
        if (prefixes.length < records) {
            prefixes = new long[records];
            scratchPrefixes = new long[records];
            scratchOrder = new int[records];
            seconds = new long[records];
            scratchSeconds = new long[records];
        }
        for (int i = 0; i < records; i++) {
            // Both prefixes now, while each key's bytes are read once and nearly in order.
            int m = order[i] * META_INTS;
            int start = meta[m + KEY_START];
            int length = meta[m + KEY_LENGTH];
            prefixes[i] = PrefixSorter.prefix(bytes, start, length);
            seconds[i] = length > 7 ? PrefixSorter.prefix(bytes, start + 7, length - 7) : 0;
        }
        PrefixSorter.KeyPrefixes deeper = (record, skip) -> {
            int m = record * META_INTS;
            return PrefixSorter.prefix(bytes, meta[m + KEY_START] + skip, meta[m + KEY_LENGTH] - skip);
        };
        for (int p = 0; p < partitions; p++) {
            PrefixSorter.sort(prefixes, seconds, order, partitionStart[p], partitionStart[p + 1], scratchPrefixes,
                    scratchSeconds, scratchOrder, byKey, deeper);
        }
    }

    /** The sorted records of one partition of the region last sorted; valid until the region is released. */
    public RecordStream partition(int partition) {
        return new GatheringStream(buffer.data(), buffer.meta(), order, partitionStart[partition], partitionStart[partition + 1]);
    }
}
