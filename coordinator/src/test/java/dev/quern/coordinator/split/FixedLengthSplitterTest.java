package dev.quern.coordinator.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quern.executor.map.input.RecordReader;
import dev.quern.executor.map.input.RecordReaders;
import dev.quern.proto.InputSpec;
import dev.quern.proto.Split;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FixedLengthSplitterTest {

    @TempDir
    Path dir;

    @Test
    void aSplitSizeThatIsAWholeNumberOfRecordsCutsExactlyThere() throws Exception {
        Path file = records("f", 10, 100);

        List<Split> splits = FixedLengthSplitter.split(file, 2, 300, 100);

        assertThat(splits).extracting(Split::getStart, Split::getLength).containsExactly(
                tuple(0, 300), tuple(300, 300), tuple(600, 300), tuple(900, 100));
        assertThat(splits).allSatisfy(s -> {
            assertThat(s.getPath()).isEqualTo(file.toAbsolutePath().toString());
            assertThat(s.getInputIndex()).isEqualTo(2);
        });
    }

    @Test
    void aSplitSizeInsideARecordIsRoundedDownToWholeRecords() throws Exception {
        Path file = records("f", 7, 100);

        assertThat(FixedLengthSplitter.split(file, 0, 250, 100)).extracting(Split::getStart, Split::getLength)
                .containsExactly(tuple(0, 200), tuple(200, 200), tuple(400, 200), tuple(600, 100));
        assertThat(FixedLengthSplitter.split(file, 0, 99, 100)).as("smaller than a record: one record a split")
                .extracting(Split::getStart).containsExactly(0L, 100L, 200L, 300L, 400L, 500L, 600L);
        assertThat(FixedLengthSplitter.split(file, 0, 1 << 20, 100)).extracting(Split::getStart, Split::getLength)
                .containsExactly(tuple(0, 700));
    }

    @Test
    void aFileOfNoRecordsHasNoSplits() throws Exception {
        assertThat(FixedLengthSplitter.split(records("empty", 0, 100), 0, 64, 100)).isEmpty();
    }

    @Test
    void aFileThatIsNotAWholeNumberOfRecordsIsRefusedWithItsLengthAndTheRecordSize() throws Exception {
        Path file = Files.write(dir.resolve("torn"), new byte[250]);

        assertThatThrownBy(() -> FixedLengthSplitter.split(file, 0, 1000, 100))
                .isInstanceOf(InputRefusedException.class)
                .hasMessageContaining(file.toAbsolutePath().toString())
                .hasMessageContaining("250 bytes")
                .hasMessageContaining("record size 100");
    }

    /** Splits of random sizes read back with the executor's reader give every record once, in order. */
    @ParameterizedTest
    @CsvSource({"1, 1, 1", "100, 10, 1", "100, 10, 250", "100, 10, 100", "7, 0, 15", "7, 7, 64", "33, 5, 1000000"})
    void splitsReadBackToTheFilesRecords(int recordBytes, int keyBytes, long splitSize) throws Exception {
        Random random = new Random(recordBytes * 31L + splitSize);
        for (int round = 0; round < 5; round++) {
            int count = random.nextInt(50);
            byte[] bytes = new byte[count * recordBytes];
            random.nextBytes(bytes);
            Path file = Files.write(dir.resolve("r" + round), bytes);
            InputSpec input = InputSpec.newBuilder().setFormat(InputSpec.Format.FIXED_LENGTH)
                    .setRecordBytes(recordBytes).setKeyBytes(keyBytes).build();

            ByteArrayOutputStream read = new ByteArrayOutputStream();
            int records = 0;
            for (Split split : FixedLengthSplitter.split(file, 0, splitSize, recordBytes)) {
                try (RecordReader reader = RecordReaders.open(input, split)) {
                    while (reader.next()) {
                        assertThat((byte[]) reader.key()).hasSize(keyBytes);
                        read.write((byte[]) reader.key());
                        read.write((byte[]) reader.value());
                        records++;
                    }
                    assertThat(reader.bytesRead()).isEqualTo(split.getLength());
                }
            }
            assertThat(records).isEqualTo(count);
            assertThat(read.toByteArray()).isEqualTo(bytes);
        }
    }

    private Path records(String name, int count, int recordBytes) throws IOException {
        return Files.write(dir.resolve(name), new byte[count * recordBytes]);
    }

    private static org.assertj.core.groups.Tuple tuple(long start, long length) {
        return org.assertj.core.groups.Tuple.tuple(start, length);
    }
}
