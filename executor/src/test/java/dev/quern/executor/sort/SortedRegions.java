package dev.quern.executor.sort;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.executor.merge.RecordStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Checks what a {@link RegionSorter} hands out against a model of the sorted region's records. */
final class SortedRegions {

    /** A record as the test appended it; {@code seq} is its place among the appends, for messages. */
    record Rec(int partition, byte[] key, byte[] value, int seq) {}

    private SortedRegions() {}

    /**
     * Every partition streams exactly its records of {@code written}, in unsigned key order and,
     * among equal keys, in the order they were written (a stable sort of the model is the oracle).
     */
    static void assertSorted(RegionSorter sorter, int partitions, List<Rec> written) throws IOException {
        for (int p = 0; p < partitions; p++) {
            int partition = p;
            List<Rec> expected = written.stream().filter(r -> r.partition() == partition)
                    .sorted(Comparator.comparing(Rec::key, Arrays::compareUnsigned)).toList(); // stable
            RecordStream stream = sorter.partition(p);
            for (Rec r : expected) {
                assertThat(stream.next()).isTrue();
                assertThat(Arrays.copyOfRange(stream.keyBuffer(), stream.keyOffset(), stream.keyOffset() + stream.keyLength()))
                        .as("partition %d: key of record %d", p, r.seq()).isEqualTo(r.key());
                assertThat(Arrays.copyOfRange(stream.valueBuffer(), stream.valueOffset(), stream.valueOffset() + stream.valueLength()))
                        .as("partition %d: value of record %d", p, r.seq()).isEqualTo(r.value());
            }
            assertThat(stream.next()).as("partition %d has no more records", p).isFalse();
        }
    }
}
