package dev.quern.executor.sort;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The prefix sort must order keys exactly as unsigned byte comparison does, and keep equal keys in
 * their input order. The keys are made to stress the prefix encoding: lengths 0 to 12 around the
 * 7-byte boundary, a tiny alphabet with 0x00 and 0xFF, so that keys share prefixes, differ only in
 * length or padding, or extend one another.
 */
class PrefixSorterTest {

    private static final byte[] ALPHABET = {0x00, 0x01, 0x61, (byte) 0x7f, (byte) 0x80, (byte) 0xff};

    @Test
    void prefixOrderAgreesWithByteOrderWheneverPrefixesDiffer() {
        Random random = new Random(11);
        for (int i = 0; i < 200_000; i++) {
            byte[] a = key(random);
            byte[] b = key(random);
            long pa = PrefixSorter.prefix(a, 0, a.length);
            long pb = PrefixSorter.prefix(b, 0, b.length);
            int bytes = Integer.signum(Arrays.compareUnsigned(a, b));
            int prefixes = Integer.signum(Long.compareUnsigned(pa, pb));
            if (prefixes != 0) {
                assertThat(prefixes).as("%s vs %s", Arrays.toString(a), Arrays.toString(b)).isEqualTo(bytes);
            } else if (a.length <= 7 || b.length <= 7) {
                assertThat(bytes).as("equal short prefixes mean equal keys: %s vs %s", Arrays.toString(a), Arrays.toString(b))
                        .isZero();
            }
        }
    }

    @Test
    void sortsLikeAStableByteSort() {
        Random random = new Random(5);
        for (int round = 0; round < 200; round++) {
            // Small ranges take the merge sort, large ones (>= 4096) the radix sort and its tie pass.
            int n = random.nextInt(round < 20 ? 20 : round % 4 == 0 ? 30_000 : 3000);
            List<byte[]> keys = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                keys.add(key(random));
            }
            long[] pre = new long[n];
            int[] idx = new int[n];
            // Half the rounds give the second prefixes, as RegionSorter does; the others make the sort read the keys.
            long[] second = round % 2 == 0 ? new long[n] : null;
            for (int i = 0; i < n; i++) {
                idx[i] = i;
                byte[] k = keys.get(i);
                pre[i] = PrefixSorter.prefix(k, 0, k.length);
                if (second != null) {
                    second[i] = k.length > 7 ? PrefixSorter.prefix(k, 7, k.length - 7) : 0;
                }
            }
            // Sort a middle range only, as the sort buffer does per partition.
            int from = n == 0 ? 0 : random.nextInt(n);
            int to = from + (n == from ? 0 : random.nextInt(n - from + 1));
            PrefixSorter.sort(pre, second, idx, from, to, new long[n], second == null ? null : new long[n], new int[n],
                    (x, y) -> Arrays.compareUnsigned(keys.get(x), keys.get(y)),
                    (x, skip) -> PrefixSorter.prefix(keys.get(x), skip, keys.get(x).length - skip));

            List<Integer> expected = new ArrayList<>();
            for (int i = from; i < to; i++) {
                expected.add(i);
            }
            expected.sort((x, y) -> Arrays.compareUnsigned(keys.get(x), keys.get(y))); // stable
            for (int i = 0; i < n; i++) {
                if (i < from || i >= to) {
                    assertThat(idx[i]).as("outside the range").isEqualTo(i);
                } else {
                    assertThat(idx[i]).as("round %d position %d", round, i).isEqualTo(expected.get(i - from));
                    assertThat(pre[i]).isEqualTo(PrefixSorter.prefix(keys.get(idx[i]), 0, keys.get(idx[i]).length));
                }
            }
        }
    }

    /**
     * Mostly 0-12 bytes; one key in four starts with 0 to 60 bytes of 'a', so that long runs of tied
     * 7-byte prefixes reach every level of the tie sort and its fallback past 56 bytes.
     */
    private static byte[] key(Random random) {
        int common = random.nextInt(4) == 0 ? random.nextInt(61) : 0;
        byte[] k = new byte[common + random.nextInt(13)];
        Arrays.fill(k, 0, common, (byte) 0x61);
        for (int i = common; i < k.length; i++) {
            k[i] = ALPHABET[random.nextInt(random.nextBoolean() ? 2 : ALPHABET.length)];
        }
        return k;
    }
}
