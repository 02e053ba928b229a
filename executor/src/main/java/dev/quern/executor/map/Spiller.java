package dev.quern.executor.map;

import dev.quern.executor.sort.SortBuffer;
import dev.quern.executor.spill.MapOutput;
import dev.quern.executor.spill.SegmentWriter;
import dev.quern.job.EngineCounters;
import java.io.IOException;

/** Sorts a full buffer and writes it as one spill: a segment per partition, combined, then an index. */
final class Spiller {

    private final MapOutputSettings s;
    private final CombineRunner combine;

    Spiller(MapOutputSettings settings, CombineRunner combine) {
        this.s = settings;
        this.combine = combine;
    }

    /** Writes {@code buffer} as spill {@code name} and empties the buffer. */
    MapOutput spill(SortBuffer buffer, String name) throws IOException {
        buffer.sort(s.comparator(), s.partitions());
        MapOutput spill;
        try (SegmentWriter writer = new SegmentWriter(s.dir(), name, s.partitions())) {
            for (int p = 0; p < s.partitions(); p++) {
                writer.startPartition(p);
                combine.write(buffer.partition(p), writer);
            }
            spill = writer.commit();
            combine.counters().engine(EngineCounters.SPILLS).increment(1);
            combine.counters().engine(EngineCounters.SPILLED_RECORDS).increment(writer.records());
            combine.counters().engine(EngineCounters.LOCAL_BYTES_WRITTEN).increment(writer.bytesWritten());
        }
        buffer.reset();
        return spill;
    }
}
