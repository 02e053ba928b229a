package dev.quern.lib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TotalOrderPartitionerTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void aKeyGoesToTheRangeOfItsBoundariesAndAKeyEqualToOneGoesAbove() {
        TotalOrderPartitioner p = partitioner("40", "80", "c0");

        assertThat(partition(p, "00", 4)).isZero();
        assertThat(partition(p, "3fff", 4)).isZero();
        assertThat(partition(p, "40", 4)).isEqualTo(1);
        assertThat(partition(p, "4000", 4)).as("longer than the boundary, so above it").isEqualTo(1);
        assertThat(partition(p, "80", 4)).isEqualTo(2);
        assertThat(partition(p, "bf", 4)).isEqualTo(2);
        assertThat(partition(p, "ff", 4)).as("unsigned: 0xff is the largest byte").isEqualTo(3);
        assertThat(partition(p, "", 4)).as("the empty key sorts first").isZero();
    }

    @Test
    void theKeyIsReadOnlyWithinItsOffsetAndLength() {
        TotalOrderPartitioner p = partitioner("80");
        byte[] buffer = HEX.parseHex("ff7fff");

        assertThat(p.partition(buffer, 1, 1, 2)).isZero();
        assertThat(p.partition(buffer, 0, 1, 2)).isEqualTo(1);
    }

    /** Random keys and random sorted boundaries: sorted keys get non-decreasing partitions, each in its range. */
    @Test
    void thePartitionIsMonotonicInKeyOrder() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            int partitions = 1 + random.nextInt(20);
            List<byte[]> boundaries = sortedKeys(random, partitions - 1, 3);
            TotalOrderPartitioner p = configured(TotalOrderPartitioner.encode(boundaries));
            List<byte[]> keys = sortedKeys(random, 500, 4);
            int previous = 0;
            for (byte[] key : keys) {
                int partition = p.partition(key, 0, key.length, partitions);
                assertThat(partition).isBetween(previous, partitions - 1);
                if (partition > 0) {
                    assertThat(Arrays.compareUnsigned(boundaries.get(partition - 1), key)).isLessThanOrEqualTo(0);
                }
                if (partition < partitions - 1) {
                    assertThat(Arrays.compareUnsigned(key, boundaries.get(partition))).isLessThan(0);
                }
                previous = partition;
            }
        }
    }

    @Test
    void equalBoundariesLeaveTheRangesBetweenThemEmpty() {
        TotalOrderPartitioner p = partitioner("50", "50", "50");

        assertThat(partition(p, "4f", 4)).isZero();
        assertThat(partition(p, "50", 4)).isEqualTo(3);
        assertThat(partition(p, "51", 4)).isEqualTo(3);
    }

    @Test
    void noBoundariesIsOneReducer() {
        TotalOrderPartitioner p = configured("");

        assertThat(partition(p, "ff", 1)).isZero();
    }

    @Test
    void badBoundariesAreNamed() {
        assertThatThrownBy(() -> configured("40,zz")).hasMessageContaining("boundary 1").hasMessageContaining("'zz'").hasMessageContaining("hex");
        assertThatThrownBy(() -> configured("80,40")).hasMessageContaining("boundary 1 '40' sorts before boundary 0 '80'");
        assertThatThrownBy(() -> configured("40,,80")).hasMessageContaining("boundary 1 is empty");
        assertThatThrownBy(() -> new TotalOrderPartitioner().configure(Map.of()))
                .hasMessageContaining(TotalOrderPartitioner.BOUNDARIES).hasMessageContaining("not set");
        assertThatThrownBy(() -> TotalOrderPartitioner.encode(List.of(HEX.parseHex("02"), HEX.parseHex("01"))))
                .hasMessageContaining("sorts before");
    }

    @Test
    void aReducerCountThatDoesNotMatchTheBoundariesIsRefused() {
        TotalOrderPartitioner p = partitioner("40", "80");

        assertThatThrownBy(() -> partition(p, "00", 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 boundaries").hasMessageContaining("4 reducers");
    }

    @Test
    void encodeAndDecodeAreInverse() {
        List<byte[]> boundaries = List.of(HEX.parseHex("00"), HEX.parseHex("0a0b"), HEX.parseHex("ff"));

        String encoded = TotalOrderPartitioner.encode(boundaries);

        assertThat(encoded).isEqualTo("00,0a0b,ff");
        assertThat(TotalOrderPartitioner.decode(encoded)).containsExactlyElementsOf(boundaries);
    }

    static List<byte[]> sortedKeys(Random random, int n, int maxLength) {
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] key = new byte[1 + random.nextInt(maxLength)];
            random.nextBytes(key);
            keys.add(key);
        }
        keys.sort(Arrays::compareUnsigned);
        return keys;
    }

    private static TotalOrderPartitioner partitioner(String... hexBoundaries) {
        return configured(String.join(",", hexBoundaries));
    }

    private static TotalOrderPartitioner configured(String boundaries) {
        TotalOrderPartitioner p = new TotalOrderPartitioner();
        p.configure(Map.of(TotalOrderPartitioner.BOUNDARIES, boundaries));
        return p;
    }

    private static int partition(TotalOrderPartitioner p, String hexKey, int partitions) {
        byte[] key = HEX.parseHex(hexKey);
        return p.partition(key, 0, key.length, partitions);
    }
}
