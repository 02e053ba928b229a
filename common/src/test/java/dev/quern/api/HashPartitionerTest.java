package dev.quern.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HashPartitionerTest {

    private static final int SEED = 0x9747b28c;
    private final HashPartitioner partitioner = new HashPartitioner();

    /** Published MurmurHash3_x86_32 vectors for seed 0x9747b28c (the ones in wide circulation, from the SMHasher port tests). */
    @Test
    void publishedVectors() {
        assertHash("", 0xebb6c228);
        assertHash("a", 0x7fa09ea6);
        assertHash("aa", 0x5d211726);
        assertHash("aaa", 0x283e0130);
        assertHash("aaaa", 0x5a97808a);
        assertHash("ab", 0x74875592);
        assertHash("abc", 0xc84a62dd);
        assertHash("abcd", 0xf0478627);
        assertHash("Hello, world!", 0x24884cba);
        assertHash("\u03c0".repeat(8), 0xd58063c1); // 16 UTF-8 bytes with the high bit set
        assertHash("a".repeat(256), 0x37405bdc);
        assertHash("The quick brown fox jumps over the lazy dog", 0x2fa826cd);
    }

    /** The test's own implementation agrees with vectors published for other seeds, so it is a fair oracle. */
    @Test
    void referenceImplementationMatchesPublishedVectorsOfOtherSeeds() {
        assertThat(reference(new byte[0], 0)).isEqualTo(0);
        assertThat(reference(new byte[0], 1)).isEqualTo(0x514e28b7);
        assertThat(reference(new byte[0], 0xffffffff)).isEqualTo(0x81f16f39);
        assertThat(reference(new byte[4], 0)).isEqualTo(0x2362f9de);
        assertThat(reference("abc".getBytes(UTF_8), 0)).isEqualTo(0xb3dd93fa);
        assertThat(reference("Hello, world!".getBytes(UTF_8), SEED)).isEqualTo(0x24884cba);
    }

    /** Every tail length (0..3) of every block count up to 4, and beyond, on bytes with the sign bit set or not. */
    @Test
    void everyLengthMatchesTheReference() {
        Random random = new Random(11);
        for (int length = 0; length <= 40; length++) {
            for (int round = 0; round < 50; round++) {
                byte[] key = new byte[length];
                random.nextBytes(key);
                if (round == 0) {
                    Arrays.fill(key, (byte) 0xff);
                }
                assertThat(HashPartitioner.murmur3(key, 0, length)).as("length %d: %s", length, Arrays.toString(key))
                        .isEqualTo(reference(key, SEED));
            }
        }
    }

    @Test
    void partitionIsAlwaysInRange() {
        Random random = new Random(12);
        for (int partitions = 1; partitions <= 50; partitions++) {
            for (int i = 0; i < 2000; i++) {
                byte[] key = new byte[random.nextInt(24)];
                random.nextBytes(key);
                assertThat(partitioner.partition(key, 0, key.length, partitions)).isBetween(0, partitions - 1);
            }
        }
    }

    @Test
    void partitionsAreUniformWithinTenPercent() {
        Random random = new Random(13);
        int partitions = 7;
        int keys = 100_000;
        int[] counts = new int[partitions];
        for (int i = 0; i < keys; i++) {
            byte[] key = new byte[1 + random.nextInt(24)];
            random.nextBytes(key);
            counts[partitioner.partition(key, 0, key.length, partitions)]++;
        }
        double expected = (double) keys / partitions;
        for (int p = 0; p < partitions; p++) {
            assertThat((double) counts[p]).as("partition %d of %s", p, Arrays.toString(counts))
                    .isBetween(expected * 0.9, expected * 1.1);
        }
    }

    @Test
    void theSameBytesAtAnyOffsetHashAlike() {
        Random random = new Random(14);
        for (int round = 0; round < 500; round++) {
            byte[] key = new byte[random.nextInt(20)];
            random.nextBytes(key);
            byte[] big = new byte[key.length + 40];
            random.nextBytes(big);
            int offset = random.nextInt(41);
            System.arraycopy(key, 0, big, offset, key.length);
            assertThat(HashPartitioner.murmur3(big, offset, key.length)).isEqualTo(HashPartitioner.murmur3(key, 0, key.length));
            assertThat(partitioner.partition(big, offset, key.length, 13)).isEqualTo(partitioner.partition(key, 0, key.length, 13));
        }
    }

    private static void assertHash(String key, int expected) {
        byte[] bytes = key.getBytes(UTF_8);
        assertThat(HashPartitioner.murmur3(bytes, 0, bytes.length)).as("murmur3(\"%s\")", key).isEqualTo(expected);
    }

    /** MurmurHash3_x86_32 as in Appleby's MurmurHash3.cpp: little-endian blocks, a fall-through tail, fmix32. */
    @SuppressWarnings("fallthrough")
    private static int reference(byte[] data, int seed) {
        final int c1 = 0xcc9e2d51;
        final int c2 = 0x1b873593;
        ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int h1 = seed;
        int nblocks = data.length / 4;
        for (int i = 0; i < nblocks; i++) {
            int k1 = in.getInt(i * 4);
            k1 *= c1;
            k1 = (k1 << 15) | (k1 >>> 17);
            k1 *= c2;
            h1 ^= k1;
            h1 = (h1 << 13) | (h1 >>> 19);
            h1 = h1 * 5 + 0xe6546b64;
        }
        int tail = nblocks * 4;
        int k1 = 0;
        switch (data.length & 3) {
            case 3:
                k1 ^= (data[tail + 2] & 0xff) << 16;
                // fall through
            case 2:
                k1 ^= (data[tail + 1] & 0xff) << 8;
                // fall through
            case 1:
                k1 ^= data[tail] & 0xff;
                k1 *= c1;
                k1 = (k1 << 15) | (k1 >>> 17);
                k1 *= c2;
                h1 ^= k1;
                break;
            default:
                break;
        }
        h1 ^= data.length;
        h1 ^= h1 >>> 16;
        h1 *= 0x85ebca6b;
        h1 ^= h1 >>> 13;
        h1 *= 0xc2b2ae35;
        h1 ^= h1 >>> 16;
        return h1;
    }
}
