package dev.quern.executor.sort;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * The MSD radix sort against a stable sort of the same keys (Long.compareUnsigned): the index and
 * the second long must move with each key, equal keys keep their input order, and nothing outside
 * the range moves. The key shapes reach each path: keys that differ in every byte or only in the
 * lowest, many copies of a few keys (buckets of equal keys), all keys equal, keys with the top bit
 * set (unsigned order), and sizes around the insertion-sort limit and the small-bucket one (256).
 */
class ByteRadixTest {

    @Test
    void sortsLikeAStableUnsignedSort() {
        Random random = new Random(29);
        ByteRadix radix = new ByteRadix(); // one instance for every sort, as a partition's sorts share one
        int[] sizes = {0, 1, 2, 3, ByteRadix.INSERTION_MAX, ByteRadix.INSERTION_MAX + 1, 100, 255, 256, 257, 4000, 70_000};
        List<LongSupplier> shapes = List.of(
                random::nextLong,
                () -> random.nextInt(7) * 0x0101_0101_0101_0101L, // few keys, differing in every byte
                () -> 0x1234_5678_9abc_de00L | random.nextInt(4), // differing in the lowest byte only
                () -> 42L, // all equal
                () -> (long) random.nextInt(3) << 63 | (long) random.nextInt(3) << 20, // top bit, and a middle byte
                () -> (random.nextLong() & 0xFFFF_FF00_0000_0000L) | 0xFF); // like prefixes of words
        for (int size : sizes) {
            for (int shape = 0; shape < shapes.size(); shape++) {
                for (boolean withSecond : new boolean[] {true, false}) {
                    check(radix, size, shapes.get(shape), withSecond, random, "size " + size + " shape " + shape);
                }
            }
        }
    }

    private static void check(ByteRadix radix, int n, LongSupplier keys, boolean withSecond, Random random, String what) {
        long[] pre = new long[n];
        long[] second = withSecond ? new long[n] : null;
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            pre[i] = keys.getAsLong();
            idx[i] = i;
            if (second != null) {
                second[i] = ~(long) i; // tells which record it belongs to
            }
        }
        long[] original = pre.clone();
        int from = n == 0 ? 0 : random.nextInt(Math.max(1, n / 8));
        int to = n - (n == 0 ? 0 : random.nextInt(Math.max(1, n / 8)));
        to = Math.max(from, to);
        radix.sort(pre, second, idx, from, to, new long[n], withSecond ? new long[n] : null, new int[n]);

        List<Integer> expected = new ArrayList<>();
        for (int i = from; i < to; i++) {
            expected.add(i);
        }
        expected.sort((a, b) -> Long.compareUnsigned(original[a], original[b])); // stable
        for (int i = 0; i < n; i++) {
            int record = i < from || i >= to ? i : expected.get(i - from);
            assertThat(idx[i]).as("%s position %d in [%d, %d)", what, i, from, to).isEqualTo(record);
            assertThat(pre[i]).as("%s key at %d", what, i).isEqualTo(original[record]);
            if (second != null) {
                assertThat(second[i]).as("%s second at %d", what, i).isEqualTo(~(long) record);
            }
        }
    }
}
