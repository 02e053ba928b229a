package dev.quern.executor.map;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.quern.api.Codec;
import dev.quern.api.Codecs;
import dev.quern.api.HashPartitioner;
import dev.quern.executor.spill.IndexFile;
import dev.quern.executor.spill.MapOutput;
import dev.quern.executor.spill.SegmentReader;
import dev.quern.executor.task.TaskContext;
import dev.quern.executor.task.TaskCounters;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Map outputs of (String word, Long) records, for the collector's tests: their codecs, a task
 * context, the output read back, and the oracle of a word count.
 */
final class WordOutputs {

    @SuppressWarnings("unchecked")
    static final Codec<Object> KEYS = (Codec<Object>) (Codec<?>) Codecs.STRING;
    @SuppressWarnings("unchecked")
    static final Codec<Object> VALUES = (Codec<Object>) (Codec<?>) Codecs.LONG;

    private WordOutputs() {}

    /** A map attempt's context whose own sink must not be used: the collector writes through its own. */
    static TaskContext context() {
        return new TaskContext((k, v) -> {
            throw new AssertionError("the collector must write through its own sink");
        }, new TaskCounters(), Map.of(), "m-00000", "m-00000.0");
    }

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

    /** Per partition, {@code word=count} of {@code words}, in unsigned byte order of the words. */
    static List<List<String>> countOracle(List<String> words, int partitions) {
        Map<String, Long> counts = new HashMap<>();
        words.forEach(w -> counts.merge(w, 1L, Long::sum));
        List<List<String>> out = emptyPartitions(partitions);
        counts.keySet().stream().sorted(Comparator.comparing(w -> w.getBytes(UTF_8), Arrays::compareUnsigned))
                .forEach(w -> out.get(partitionOf(w, partitions)).add(w + "=" + counts.get(w)));
        return out;
    }

    /** The partition the default partitioner gives {@code word}'s serialized bytes. */
    static int partitionOf(String word, int partitions) {
        byte[] key = word.getBytes(UTF_8);
        return new HashPartitioner().partition(key, 0, key.length, partitions);
    }

    static List<List<String>> emptyPartitions(int partitions) {
        List<List<String>> out = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            out.add(new ArrayList<>());
        }
        return out;
    }
}
