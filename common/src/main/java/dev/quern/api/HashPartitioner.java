package dev.quern.api;

/**
 * The default partitioner: {@code murmur3_32(serialized key) mod R}. It hashes the key's bytes, not
 * the Java object, so it gives the same partition in every JVM and every run.
 */
public final class HashPartitioner implements Partitioner {

    private static final int SEED = 0x9747b28c;

    @Override
    public int partition(byte[] key, int offset, int length, int partitions) {
        return Math.floorMod(murmur3(key, offset, length), partitions);
    }

    /** MurmurHash3 x86 32-bit of {@code bytes[offset, offset + length)}. */
    public static int murmur3(byte[] bytes, int offset, int length) {
        int h = SEED;
        int end = offset + (length & ~3);
        for (int i = offset; i < end; i += 4) {
            int k = (bytes[i] & 0xff) | (bytes[i + 1] & 0xff) << 8 | (bytes[i + 2] & 0xff) << 16 | bytes[i + 3] << 24;
            h ^= mixK(k);
            h = Integer.rotateLeft(h, 13) * 5 + 0xe6546b64;
        }
        int tail = length & 3;
        if (tail > 0) {
            int k = bytes[end] & 0xff;
            if (tail > 1) {
                k |= (bytes[end + 1] & 0xff) << 8;
            }
            if (tail > 2) {
                k |= (bytes[end + 2] & 0xff) << 16;
            }
            h ^= mixK(k);
        }
        h ^= length;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    private static int mixK(int k) {
        k *= 0xcc9e2d51;
        k = Integer.rotateLeft(k, 15);
        return k * 0x1b873593;
    }
}
