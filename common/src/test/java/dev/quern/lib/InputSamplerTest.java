package dev.quern.lib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quern.api.Input;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputSamplerTest {

    @TempDir
    Path dir;

    /** Keys 0..n-1 as 4-byte big-endian numbers, 8-byte records (the value is the key, inverted). */
    private Path numbered(String name, int from, int to) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((to - from) * 8);
        for (int i = from; i < to; i++) {
            b.putInt(i).putInt(~i);
        }
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.write(file, b.array());
    }

    private static int number(byte[] key) {
        return ByteBuffer.wrap(key).getInt();
    }

    @Test
    void samplesAreEvenlySpacedAcrossAllFilesInPathOrderAndSorted() throws Exception {
        numbered("in/b", 500, 1000);
        numbered("in/a", 0, 500);
        numbered("in/_SUCCESS", 0, 3); // hidden: not input
        Input input = Input.fixedLength(8, 4, dir.resolve("in"));

        List<byte[]> keys = InputSampler.sample(input, 10);

        assertThat(keys).extracting(InputSamplerTest::number).containsExactly(50, 150, 250, 350, 450, 550, 650, 750, 850, 950);
        assertThat(InputSampler.sample(input, 10)).as("the same every time").usingElementComparator(Arrays::compare).isEqualTo(keys);
    }

    @Test
    void moreSamplesThanRecordsReadsEveryRecordOnce() throws Exception {
        Input input = Input.fixedLength(8, 4, numbered("f", 0, 7), numbered("empty", 0, 0));

        assertThat(InputSampler.sample(input, 100)).extracting(InputSamplerTest::number).containsExactly(0, 1, 2, 3, 4, 5, 6);
    }

    @Test
    void anEmptyInputHasNoSamplesAndStillValidBoundaries() throws Exception {
        List<byte[]> keys = InputSampler.sample(Input.fixedLength(8, 4, numbered("empty", 0, 0)), 10);
        assertThat(keys).isEmpty();

        List<byte[]> boundaries = InputSampler.boundaries(keys, 3);

        assertThat(boundaries).hasSize(2);
        assertThat(TotalOrderPartitioner.decode(TotalOrderPartitioner.encode(boundaries))).hasSize(2);
    }

    @Test
    void boundariesAreTheSamplesQuantiles() {
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            keys.add(new byte[] {(byte) i});
        }

        assertThat(InputSampler.boundaries(keys, 4)).extracting(k -> (int) k[0]).containsExactly(25, 50, 75);
        assertThat(InputSampler.boundaries(keys, 1)).isEmpty();
    }

    /**
     * Duplicate-heavy and all-equal keys: the boundaries repeat, and the partitioning they give is
     * still a total order (every key's partition non-decreasing in key order, all keys placed).
     */
    @Test
    void duplicateHeavyAndAllEqualKeysStillGiveAValidPartitioning() {
        Random random = new Random(3);
        List<byte[]> heavy = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            heavy.add(new byte[] {(byte) (random.nextInt(10) < 8 ? 0x42 : random.nextInt(256)), 1});
        }
        List<byte[]> same = new ArrayList<>(Collections.nCopies(1000, new byte[] {7, 7}));
        List<byte[]> empties = new ArrayList<>(Collections.nCopies(10, new byte[0]));
        for (List<byte[]> keys : List.of(heavy, same, empties)) {
            keys.sort(Arrays::compareUnsigned);
            for (int partitions : new int[] {1, 2, 5, 16}) {
                List<byte[]> boundaries = InputSampler.boundaries(keys, partitions);
                TotalOrderPartitioner p = new TotalOrderPartitioner();
                p.configure(Map.of(TotalOrderPartitioner.BOUNDARIES, TotalOrderPartitioner.encode(boundaries)));
                int previous = 0;
                for (byte[] key : keys) {
                    int partition = p.partition(key, 0, key.length, partitions);
                    assertThat(partition).isBetween(previous, partitions - 1);
                    previous = partition;
                }
            }
        }
        List<byte[]> allEqual = InputSampler.boundaries(same, 4);
        assertThat(allEqual).extracting(HexFormat.of()::formatHex).containsExactly("0707", "0707", "0707");
    }

    @Test
    void inputThatIsNotWholeRecordsOrMissingIsRefusedByName() throws Exception {
        Path torn = Files.write(dir.resolve("torn"), new byte[17]);
        Path missing = dir.resolve("missing");

        assertThatThrownBy(() -> InputSampler.sample(Input.fixedLength(8, 4, torn), 5))
                .hasMessageContaining(torn.toString()).hasMessageContaining("17 bytes").hasMessageContaining("record size 8");
        assertThatThrownBy(() -> InputSampler.sample(Input.fixedLength(8, 4, missing), 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> InputSampler.sample(Input.text(torn), 5)).hasMessageContaining("fixed-length");
    }

    @Test
    void spacedPositionsDoNotOverflow() {
        assertThat(InputSampler.spaced(0, 2, Long.MAX_VALUE / 3)).isEqualTo(Long.MAX_VALUE / 3 / 4);
        assertThat(InputSampler.spaced(999_999, 1_000_000, Long.MAX_VALUE / 100))
                .isBetween(Long.MAX_VALUE / 100 - Long.MAX_VALUE / 100 / 1_000_000, Long.MAX_VALUE / 100 - 1);
    }
}
