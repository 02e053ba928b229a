package dev.quern.executor.map;

import dev.quern.api.Codec;
import dev.quern.api.Codecs;
import dev.quern.executor.spill.IndexFile;
import dev.quern.executor.spill.MapOutput;
import dev.quern.executor.spill.SegmentReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads a map output of (String, Long) records back, for tests to compare with their oracles. */
final class MapOutputLines {

    private MapOutputLines() {}

    /** Per partition, the records as {@code key=value} lines in file order. */
    static List<List<String>> decode(MapOutput output) throws IOException {
        Codec<String> keys = Codecs.STRING;
        Codec<Long> values = Codecs.LONG;
        List<List<String>> partitions = new ArrayList<>();
        for (IndexFile.Entry e : output.index().entries()) {
            List<String> lines = new ArrayList<>();
            try (SegmentReader in = SegmentReader.open(output.data(), e.offset(), e.length())) {
                while (in.next()) {
                    lines.add(keys.read(in.keyBuffer(), in.keyOffset(), in.keyLength()) + "="
                            + values.read(in.valueBuffer(), in.valueOffset(), in.valueLength()));
                }
            }
            partitions.add(lines);
        }
        return partitions;
    }
}
