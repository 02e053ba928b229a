package dev.quern.executor.map;

import dev.quern.executor.sort.RegionSorter;
import dev.quern.executor.sort.SortBuffer;
import dev.quern.executor.spill.MapOutput;
import dev.quern.executor.spill.SegmentWriter;
import dev.quern.job.EngineCounters;
import java.io.IOException;

/**
 * Writes one spill: sorts a region of the sort buffer and writes a segment per partition, combined,
 * then an index. Runs on the spill thread, or on the mapper's for the last spill.
 */
final class Spiller {

    private final MapOutputSettings s;
    private final RegionSorter sorter;

    Spiller(MapOutputSettings settings, RegionSorter sorter) {
        this.s = settings;
        this.sorter = sorter;
    }

    /** Writes {@code region} as spill {@code name}; the caller releases the region afterwards. */
    MapOutput spill(SortBuffer.Region region, String name, CombineRunner combine) throws IOException {
        sorter.sort(region, s.comparator(), s.partitions());
        try (SegmentWriter writer = new SegmentWriter(s.dir(), name, s.partitions())) {
            for (int p = 0; p < s.partitions(); p++) {
                writer.startPartition(p);
                combine.write(sorter.partition(p), writer);
            }
            return commit(writer, combine);
        }
    }

    /**
     * Writes a record larger than the sort buffer as a spill of its own (no combiner: one value has
     * nothing to be combined with). The buffer is empty then, so spill order is still append order.
     */
    MapOutput spillOne(int partition, byte[] b, int keyOff, int keyLen, int valueOff, int valueLen, String name,
            CombineRunner combine) throws IOException {
        try (SegmentWriter writer = new SegmentWriter(s.dir(), name, s.partitions())) {
            for (int p = 0; p < s.partitions(); p++) {
                writer.startPartition(p);
                if (p == partition) {
                    writer.append(b, keyOff, keyLen, b, valueOff, valueLen);
                }
            }
            return commit(writer, combine);
        }
    }

    private static MapOutput commit(SegmentWriter writer, CombineRunner combine) throws IOException {
        MapOutput spill = writer.commit();
        combine.counters().engine(EngineCounters.SPILLS).increment(1);
        combine.counters().engine(EngineCounters.SPILLED_RECORDS).increment(writer.records());
        combine.counters().engine(EngineCounters.LOCAL_BYTES_WRITTEN).increment(writer.bytesWritten());
        return spill;
    }
}
