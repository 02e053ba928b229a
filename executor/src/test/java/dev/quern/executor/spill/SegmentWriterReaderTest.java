package dev.quern.executor.spill;

import static dev.quern.executor.shuffle.MapOutputFixture.fileNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentWriterReaderTest {

    private static final int PARTITIONS = 7;
    /** Partitions left empty: the first, the last, and one in the middle. */
    private static final List<Integer> EMPTY = List.of(0, 3, 6);

    @TempDir
    Path dir;

    private record Rec(byte[] key, byte[] value) {}

    @Test
    void everyPartitionReadsBackWithAnIndexThatDescribesIt() throws IOException {
        Random random = new Random(31);
        List<List<Rec>> partitions = randomPartitions(random);
        for (boolean startEmptyOnes : new boolean[] {true, false}) {
            String name = "out-" + startEmptyOnes;
            MapOutput output;
            try (SegmentWriter writer = new SegmentWriter(dir, name, PARTITIONS)) {
                for (int p = 0; p < PARTITIONS; p++) {
                    if (startEmptyOnes || !partitions.get(p).isEmpty()) {
                        writer.startPartition(p); // skipped partitions must get empty segments
                    }
                    for (Rec r : partitions.get(p)) {
                        writer.append(r.key(), 0, r.key().length, r.value(), 0, r.value().length);
                    }
                }
                output = writer.commit();
            }
            assertThat(output.data()).isEqualTo(MapOutput.dataPath(dir, name));
            byte[] data = Files.readAllBytes(output.data());
            IndexFile index = output.index();
            assertThat(index.partitions()).isEqualTo(PARTITIONS);
            long offset = 0;
            for (int p = 0; p < PARTITIONS; p++) {
                IndexFile.Entry e = index.entry(p);
                assertThat(e.offset()).as("segments are back to back").isEqualTo(offset);
                offset += e.length();
                assertThat(e.records()).isEqualTo(partitions.get(p).size());
                assertThat(e.length() == 0).as("partition %d empty", p).isEqualTo(EMPTY.contains(p));
                CRC32C crc = new CRC32C();
                crc.update(data, (int) e.offset(), (int) e.length());
                assertThat(e.crc32c()).as("crc of partition %d", p).isEqualTo((int) crc.getValue());
                assertThat(read(output.data(), e)).as("partition %d", p).usingElementComparator(SegmentWriterReaderTest::compare)
                        .containsExactlyElementsOf(partitions.get(p));
            }
            assertThat(offset).isEqualTo(data.length);
            assertThat(index.totalRecords()).isEqualTo(partitions.stream().mapToLong(List::size).sum());
            assertThat(IndexFile.read(output.indexPath()).entries()).isEqualTo(index.entries());
            assertThat(Files.readAllBytes(output.indexPath())).isEqualTo(index.toBytes());
        }
        assertThat(fileNames(dir)).containsExactly("out-false.data", "out-false.index", "out-true.data", "out-true.index");
    }

    @Test
    void aTruncatedDataFileFailsNamingTheSegment() throws IOException {
        MapOutput output = writeRandom(new Random(32), "trunc");
        IndexFile.Entry last = output.index().entry(5);
        // Shorter and shorter: inside the last record, inside the segment, just after its first byte.
        for (long cut : new long[] {last.offset() + last.length() - 1, last.offset() + last.length() / 2, last.offset() + 1}) {
            try (var channel = java.nio.channels.FileChannel.open(output.data(), java.nio.file.StandardOpenOption.WRITE)) {
                channel.truncate(cut);
            }
            assertThatThrownBy(() -> read(output.data(), last)).as("cut at %d", cut).isInstanceOf(IOException.class)
                    .hasMessageContaining(output.data() + "@" + last.offset() + "+" + last.length());
        }
    }

    @Test
    void everyFlippedByteOfTheIndexIsDetected() throws IOException {
        MapOutput output = writeRandom(new Random(33), "flip");
        byte[] good = Files.readAllBytes(output.indexPath());
        Path copy = dir.resolve("copy.index");
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= (byte) (1 << (i % 8));
            Files.write(copy, bad);
            var thrown = assertThatThrownBy(() -> IndexFile.read(copy)).as("byte %d flipped", i).isInstanceOf(IOException.class)
                    .hasMessageContaining(copy.toString());
            if (i >= 12) { // past magic, version and partition count: only the checksum can tell
                thrown.hasMessageContaining("fails its CRC32C check");
            }
        }
        Files.write(copy, Arrays.copyOf(good, good.length - 1));
        assertThatThrownBy(() -> IndexFile.read(copy)).isInstanceOf(IOException.class);
    }

    @Test
    void closeWithoutCommitLeavesNoFiles() throws IOException {
        try (SegmentWriter writer = new SegmentWriter(dir, "abandoned", 3)) {
            writer.startPartition(1);
            byte[] big = new byte[200_000]; // more than the write buffer, so bytes reach the file
            writer.append(big, 0, big.length, big, 0, 10);
        }
        assertThat(fileNames(dir)).isEmpty();
    }

    @Test
    void partitionsMustIncrease() throws IOException {
        try (SegmentWriter writer = new SegmentWriter(dir, "order", 3)) {
            writer.startPartition(1);
            assertThatThrownBy(() -> writer.startPartition(1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> writer.startPartition(0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> writer.startPartition(3)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private MapOutput writeRandom(Random random, String name) throws IOException {
        try (SegmentWriter writer = new SegmentWriter(dir, name, PARTITIONS)) {
            List<List<Rec>> partitions = randomPartitions(random);
            for (int p = 0; p < PARTITIONS; p++) {
                writer.startPartition(p);
                for (Rec r : partitions.get(p)) {
                    writer.append(r.key(), 0, r.key().length, r.value(), 0, r.value().length);
                }
            }
            return writer.commit();
        }
    }

    /** Records with empty, 1-byte-varint, 2-byte-varint and 3-byte-varint lengths; EMPTY partitions stay empty. */
    private static List<List<Rec>> randomPartitions(Random random) {
        int[] lengths = {0, 1, 5, 127, 128, 300, 16_383, 16_384, 40_000};
        List<List<Rec>> partitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            List<Rec> records = new ArrayList<>();
            for (int i = EMPTY.contains(p) ? 0 : 1 + random.nextInt(60); i > 0; i--) {
                byte[] key = new byte[random.nextInt(4) == 0 ? lengths[random.nextInt(lengths.length)] : random.nextInt(20)];
                byte[] value = new byte[random.nextInt(4) == 0 ? lengths[random.nextInt(lengths.length)] : random.nextInt(20)];
                random.nextBytes(key);
                random.nextBytes(value);
                records.add(new Rec(key, value));
            }
            partitions.add(records);
        }
        return partitions;
    }

    private static List<Rec> read(Path data, IndexFile.Entry e) throws IOException {
        List<Rec> records = new ArrayList<>();
        try (SegmentReader reader = SegmentReader.open(data, e.offset(), e.length())) {
            while (reader.next()) {
                records.add(new Rec(Arrays.copyOfRange(reader.keyBuffer(), reader.keyOffset(), reader.keyOffset() + reader.keyLength()),
                        Arrays.copyOfRange(reader.valueBuffer(), reader.valueOffset(), reader.valueOffset() + reader.valueLength())));
            }
        }
        return records;
    }

    private static int compare(Rec a, Rec b) {
        return Arrays.equals(a.key(), b.key()) && Arrays.equals(a.value(), b.value()) ? 0 : 1;
    }
}
