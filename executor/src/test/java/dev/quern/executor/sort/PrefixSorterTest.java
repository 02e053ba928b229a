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
            // Small ranges are insertion-sorted, larger ones go through the radix buckets and the tie pass.
            int n = random.nextInt(round < 20 ? 20 : round % 4 == 0 ? 30_000 : 3000);
            List<byte[]> keys = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                keys.add(key(random));
            }
            // Half the rounds give the second prefixes, as RegionSorter does; the others make the sort read the keys.
            assertSortsStably(keys, round % 2 == 0, random, "round " + round);
        }
    }

    /**
     * Key sets that reach every path of the sort: one key repeated (every byte of every prefix
     * equal), keys agreeing on 15 to 70 bytes (ties past the second prefix, and past 56 bytes the
     * full comparison), few distinct words in many copies (buckets of equal prefixes), and range
     * sizes around the insertion-sort limit.
     */
    @Test
    void sortsTiesAndEqualKeysAtEveryDepthStably() {
        Random random = new Random(17);
        int[] sizes = {0, 1, 2, ByteRadix.INSERTION_MAX - 1, ByteRadix.INSERTION_MAX, ByteRadix.INSERTION_MAX + 1, 200, 5000};
        for (int size : sizes) {
            for (int shape = 0; shape < 4; shape++) {
                List<byte[]> keys = new ArrayList<>();
                List<byte[]> words = new ArrayList<>();
                for (int w = 0; w < 5; w++) {
                    words.add(key(random));
                }
                for (int i = 0; i < size; i++) {
                    keys.add(switch (shape) {
                        case 0 -> "the same long key, over and over".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                        case 1 -> withCommonStart(random, 15 + random.nextInt(4) * 7 + random.nextInt(3));
                        case 2 -> withCommonStart(random, 50 + random.nextInt(21));
                        default -> words.get(random.nextInt(words.size()));
                    });
                }
                assertSortsStably(keys, shape % 2 == 0, random, "size " + size + " shape " + shape);
                assertSortsStably(keys, shape % 2 != 0, random, "size " + size + " shape " + shape);
            }
        }
    }

    @Test
    void prefixIsTheSameNearTheEndOfTheArray() {
        Random random = new Random(23);
        byte[] bytes = new byte[40];
        for (int round = 0; round < 200; round++) {
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = ALPHABET[random.nextInt(ALPHABET.length)];
            }
            for (int offset = 0; offset <= bytes.length; offset++) {
                for (int length = 0; offset + length <= bytes.length; length++) {
                    assertThat(PrefixSorter.prefix(bytes, offset, length)).as("offset %d length %d", offset, length)
                            .isEqualTo(PrefixSorter.prefixNearEnd(bytes, offset, length));
                }
            }
        }
    }

    /** Sorts a random middle range of {@code keys} by prefix and checks it against a stable sort of the keys. */
    private static void assertSortsStably(List<byte[]> keys, boolean withSecond, Random random, String what) {
        int n = keys.size();
        long[] pre = new long[n];
        int[] idx = new int[n];
        long[] second = withSecond ? new long[n] : null;
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
                (x, skip) -> PrefixSorter.prefix(keys.get(x), skip, keys.get(x).length - skip), new ByteRadix());

        List<Integer> expected = new ArrayList<>();
        for (int i = from; i < to; i++) {
            expected.add(i);
        }
        expected.sort((x, y) -> Arrays.compareUnsigned(keys.get(x), keys.get(y))); // stable
        for (int i = 0; i < n; i++) {
            if (i < from || i >= to) {
                assertThat(idx[i]).as("%s: outside the range", what).isEqualTo(i);
            } else {
                assertThat(idx[i]).as("%s position %d", what, i).isEqualTo(expected.get(i - from));
                assertThat(pre[i]).isEqualTo(PrefixSorter.prefix(keys.get(idx[i]), 0, keys.get(idx[i]).length));
            }
        }
    }

    /** {@code common} bytes of 'a', then 0 to 12 random ones. */
    private static byte[] withCommonStart(Random random, int common) {
        byte[] k = new byte[common + random.nextInt(13)];
        Arrays.fill(k, 0, common, (byte) 0x61);
        for (int i = common; i < k.length; i++) {
            k[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return k;
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
