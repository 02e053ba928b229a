package dev.quern.executor.sort;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.api.KeyComparator;
import dev.quern.executor.merge.RecordStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The sorted partitions of a buffer, as the spill reads them through batches, must be every record
 * exactly once, in (key, insertion) order: across batch boundaries, with records larger than a batch
 * handed out in place, and with empty keys and values.
 */
class SortBufferTest {

    record Rec(int partition, byte[] key, byte[] value, int seq) {}

    @Test
    void partitionsStreamEveryRecordInKeyOrderAcrossBatchesAndHugeRecords() throws IOException {
        Random random = new Random(3);
        for (KeyComparator comparator : List.of(KeyComparator.BYTES, (KeyComparator) (a, ao, al, b, bo, bl) ->
                Arrays.compareUnsigned(a, ao, ao + al, b, bo, bo + bl))) {
            SortBuffer buffer = new SortBuffer(32 << 20);
            List<Rec> written = new ArrayList<>();
            int partitions = 3;
            for (int i = 0; i < 40_000; i++) {
                byte[] key = bytes(random, random.nextInt(4000) == 0 ? 300_000 : random.nextInt(14));
                byte[] value = bytes(random, random.nextInt(4000) == 0 ? 400_000 : random.nextInt(30));
                int partition = random.nextInt(partitions);
                BufferOutput out = buffer.output();
                int start = out.size();
                out.write(key, 0, key.length);
                int keyEnd = out.size();
                out.write(value, 0, value.length);
                buffer.commit(partition, start, keyEnd);
                written.add(new Rec(partition, key, value, i));
                if (buffer.isFull()) {
                    break;
                }
            }
            assertThat(written).as("records written before the buffer filled").hasSizeGreaterThan(30_000);
            buffer.sort(comparator, partitions);
            for (int p = 0; p < partitions; p++) {
                int partition = p;
                List<Rec> expected = written.stream().filter(r -> r.partition() == partition)
                        .sorted(Comparator.comparing(Rec::key, Arrays::compareUnsigned)).toList(); // stable
                RecordStream stream = buffer.partition(p);
                for (Rec r : expected) {
                    assertThat(stream.next()).isTrue();
                    assertThat(Arrays.copyOfRange(stream.keyBuffer(), stream.keyOffset(), stream.keyOffset() + stream.keyLength()))
                            .as("key of record %d", r.seq()).isEqualTo(r.key());
                    assertThat(Arrays.copyOfRange(stream.valueBuffer(), stream.valueOffset(), stream.valueOffset() + stream.valueLength()))
                            .as("value of record %d", r.seq()).isEqualTo(r.value());
                }
                assertThat(stream.next()).isFalse();
            }
        }
    }

    private static byte[] bytes(Random random, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) ("abc".charAt(random.nextInt(3)));
        }
        return b;
    }
}
