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
    private final ByteRadix radix = new ByteRadix();

    public RegionSorter(SortBuffer buffer) {
        this.buffer = buffer;
    }

    /**
     * Sorts the region's records; then {@link #partition} streams them. This runs once per spill, too
     * rarely for the JIT to compile it: it only calls the loops, each a small method of its own (see
     * {@link ByteRadix}). The ring's slots wrap at most once: each loop runs on the one or two
     * contiguous slot ranges of the region.
     */
    public void sort(SortBuffer.Region region, KeyComparator comparator, int partitions) {
        int[] meta = buffer.meta();
        int records = region.records();
        int first = region.firstSlot();
        int firstEnd = Math.min(buffer.capacityRecords(), first + records);
        int wrapped = records - (firstEnd - first);
        partitionStart = new int[partitions + 1];
        countPartitions(meta, first, firstEnd, partitionStart);
        countPartitions(meta, 0, wrapped, partitionStart);
        for (int p = 0; p < partitions; p++) {
            partitionStart[p + 1] += partitionStart[p];
        }
        if (order.length < records) {
            order = new int[records]; // grows to the largest region: most spills are the same size
        }
        int[] next = Arrays.copyOf(partitionStart, partitions);
        byte[] bytes = buffer.data();
        RecordSorter.IndexComparator byKey = (a, b) -> {
            int ma = a * META_INTS;
            int mb = b * META_INTS;
            return comparator.compare(bytes, meta[ma + KEY_START], meta[ma + KEY_LENGTH], bytes, meta[mb + KEY_START], meta[mb + KEY_LENGTH]);
        };
        if (comparator != KeyComparator.BYTES) {
            fillOrder(meta, first, firstEnd, next, order);
            fillOrder(meta, 0, wrapped, next, order);
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
        fillOrderAndPrefixes(bytes, meta, first, firstEnd, next, order, prefixes, seconds);
        fillOrderAndPrefixes(bytes, meta, 0, wrapped, next, order, prefixes, seconds);
        PrefixSorter.KeyPrefixes deeper = (record, skip) -> {
            int m = record * META_INTS;
            return PrefixSorter.prefix(bytes, meta[m + KEY_START] + skip, meta[m + KEY_LENGTH] - skip);
        };
        for (int p = 0; p < partitions; p++) {
            PrefixSorter.sort(prefixes, seconds, order, partitionStart[p], partitionStart[p + 1], scratchPrefixes,
                    scratchSeconds, scratchOrder, byKey, deeper, radix);
        }
    }

    /** Counts slots [from, to) by partition into {@code counts[partition + 1]}. */
    private static void countPartitions(int[] meta, int from, int to, int[] counts) {
        for (int slot = from; slot < to; slot++) {
            counts[meta[slot * META_INTS + PARTITION] + 1]++;
        }
    }

    /** Puts slots [from, to) in order, each at its partition's next position: in append order, stable. */
    private static void fillOrder(int[] meta, int from, int to, int[] next, int[] order) {
        for (int slot = from; slot < to; slot++) {
            order[next[meta[slot * META_INTS + PARTITION]]++] = slot;
        }
    }

    /**
     * {@link #fillOrder}, and both prefixes of each key beside its slot: computed here, the keys are
     * read once and in the order they were written.
     */
    private static void fillOrderAndPrefixes(byte[] bytes, int[] meta, int from, int to, int[] next, int[] order,
            long[] prefixes, long[] seconds) {
        for (int slot = from; slot < to; slot++) {
            int m = slot * META_INTS;
            int at = next[meta[m + PARTITION]]++;
            int start = meta[m + KEY_START];
            int length = meta[m + KEY_LENGTH];
            order[at] = slot;
            prefixes[at] = PrefixSorter.prefix(bytes, start, length);
            seconds[at] = length > 7 ? PrefixSorter.prefix(bytes, start + 7, length - 7) : 0;
        }
    }

    /** The sorted records of one partition of the region last sorted; valid until the region is released. */
    public RecordStream partition(int partition) {
        return new GatheringStream(buffer.data(), buffer.meta(), order, partitionStart[partition], partitionStart[partition + 1]);
    }
}
