package dev.quern.examples.terasort;

import java.nio.charset.StandardCharsets;

/**
 * The 100-byte records of TeraGen, the same bytes as {@code bench/gen/TeraGen.java} for the same row
 * numbers and seed. Row {@code i} comes from a 128-bit random number {@code R = hi:lo}, which the bench
 * generator draws as the {@code (2i+1)}-th and {@code (2i+2)}-th {@code nextLong()} of one
 * {@code SplittableRandom(seed)}. That generator is SplitMix64: its {@code k}-th value is
 * {@code mix64(seed + k * GOLDEN_GAMMA)}, so any row can be made on its own, by any map, without
 * drawing the rows before it.
 *
 * <pre>
 *   offset  bytes  content
 *        0     10  key: hi big-endian, then the top 2 bytes of lo; binary
 *       10      2  00 11
 *       12     32  row id: i as 32 uppercase hex digits, zero-padded
 *       44      4  88 99 AA BB
 *       48     48  the 12 hex digits of the low 48 bits of lo, each written 4 times
 *       96      4  CC DD EE FF
 * </pre>
 */
public final class TeraRecords {

    public static final int RECORD_BYTES = 100;
    public static final int KEY_BYTES = 10;
    /** The bench generator's default seed. */
    public static final long DEFAULT_SEED = 42;

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private TeraRecords() {}

    /** Writes row {@code i} of the data set of {@code seed} into {@code rec[0, 100)}. */
    public static void row(long seed, long i, byte[] rec) {
        long hi = mix64(seed + (2 * i + 1) * GOLDEN_GAMMA);
        long lo = mix64(seed + (2 * i + 2) * GOLDEN_GAMMA);
        for (int b = 0; b < 8; b++) {
            rec[b] = (byte) (hi >>> (56 - 8 * b));
        }
        rec[8] = (byte) (lo >>> 56);
        rec[9] = (byte) (lo >>> 48);
        rec[10] = 0x00;
        rec[11] = 0x11;
        for (int d = 0; d < 16; d++) {
            rec[12 + d] = '0'; // the high 64 bits of the 128-bit row id
            rec[28 + d] = HEX[(int) (i >>> (60 - 4 * d)) & 0xF];
        }
        rec[44] = (byte) 0x88;
        rec[45] = (byte) 0x99;
        rec[46] = (byte) 0xAA;
        rec[47] = (byte) 0xBB;
        for (int d = 0; d < 12; d++) {
            byte h = HEX[(int) (lo >>> (44 - 4 * d)) & 0xF];
            int at = 48 + 4 * d;
            rec[at] = h;
            rec[at + 1] = h;
            rec[at + 2] = h;
            rec[at + 3] = h;
        }
        rec[96] = (byte) 0xCC;
        rec[97] = (byte) 0xDD;
        rec[98] = (byte) 0xEE;
        rec[99] = (byte) 0xFF;
    }

    /** SplittableRandom's output function (Stafford's variant 13 of the MurmurHash3 finalizer). */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
