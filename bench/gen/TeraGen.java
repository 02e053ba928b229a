import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes 100-byte sort records laid out like Hadoop's TeraGen (GenSort): the input of the total-order
 * sort benchmark.
 *
 * <pre>bench/gen.sh TeraGen --rows N[k|m|g] [--seed 42] --out FILE</pre>
 *
 * <p>{@code --rows} takes k, m, g as powers of 1000 ({@code 10m} = 10,000,000 rows = 1 GB, the size
 * of Hadoop's 1 GB TeraSort). The file is {@code rows * 100} bytes of back-to-back records with no
 * separator. Record {@code i} (0-based) is built from a 128-bit random number {@code R = hi:lo}, two
 * {@code nextLong()} of one {@code SplittableRandom(seed)}, exactly as GenSort builds it from its own
 * generator (so the layout matches Hadoop's, the keys do not):
 *
 * <pre>
 *   offset  bytes  content
 *        0     10  key: the high 10 bytes of R (hi big-endian, then the top 2 bytes of lo); binary
 *       10      2  break: 0x00 0x11
 *       12     32  row id: i as 32 uppercase hex digits, zero-padded ("000...00001F")
 *       44      4  break: 0x88 0x99 0xAA 0xBB
 *       48     48  filler: the 12 uppercase hex digits of the low 48 bits of R (hex digits 20..31 of R),
 *                  most significant first, each repeated 4 times ("AAAA7777...")
 *       96      4  break: 0xCC 0xDD 0xEE 0xFF
 *  +-----------+-----+--------------------------------+-----------+------------------------------------------------+-----------+
 *  | key (10)  |00 11| row id, 32 hex                 |88 99 AA BB| filler, 12 x 4 hex                             |CC DD EE FF|
 *  +-----------+-----+--------------------------------+-----------+------------------------------------------------+-----------+
 * </pre>
 *
 * <p>Sort by the first 10 bytes as unsigned bytes; the key is binary (it may hold {@code \n}), so the
 * file is not a text file and GNU sort cannot sort it as lines. The same arguments give the same bytes,
 * and fewer rows with the same seed give a prefix. Written to {@code FILE.part}, renamed at the end;
 * stdout gets {@code SHA-256  FILE}.
 */
public final class TeraGen {
    private static final String USAGE = "usage: bench/gen.sh TeraGen --rows N[k|m|g] [--seed N] --out FILE";
    static final int RECORD = 100;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private TeraGen() {}

    public static void main(String[] args) throws IOException {
        Map<String, String> opts = GenSupport.options(args, Set.of("--rows", "--seed", "--out"), TeraGen::usage);
        long rows = count(opts.get("--rows"));
        long seed = Long.parseLong(opts.getOrDefault("--seed", "42"));
        Path out = Path.of(opts.get("--out"));

        SplittableRandom rnd = new SplittableRandom(seed);
        byte[] rec = new byte[RECORD];
        rec[10] = 0x00;
        rec[11] = 0x11;
        rec[44] = (byte) 0x88;
        rec[45] = (byte) 0x99;
        rec[46] = (byte) 0xAA;
        rec[47] = (byte) 0xBB;
        rec[96] = (byte) 0xCC;
        rec[97] = (byte) 0xDD;
        rec[98] = (byte) 0xEE;
        rec[99] = (byte) 0xFF;
        for (int d = 0; d < 16; d++) {
            rec[12 + d] = '0'; // the high 64 bits of the 128-bit row id: always 0 here
        }
        try (GenSupport.Sink sink = new GenSupport.Sink(out, Long.MAX_VALUE)) {
            for (long i = 0; i < rows; i++) {
                long hi = rnd.nextLong();
                long lo = rnd.nextLong();
                for (int b = 0; b < 8; b++) {
                    rec[b] = (byte) (hi >>> (56 - 8 * b));
                }
                rec[8] = (byte) (lo >>> 56);
                rec[9] = (byte) (lo >>> 48);
                for (int d = 0; d < 16; d++) {
                    rec[28 + d] = HEX[(int) (i >>> (60 - 4 * d)) & 0xF];
                }
                for (int d = 0; d < 12; d++) {
                    byte h = HEX[(int) (lo >>> (44 - 4 * d)) & 0xF];
                    int at = 48 + 4 * d;
                    rec[at] = h;
                    rec[at + 1] = h;
                    rec[at + 2] = h;
                    rec[at + 3] = h;
                }
                sink.write(rec, RECORD);
            }
            String sha = sink.finish();
            System.out.println(sha + "  " + out);
            System.err.printf("TeraGen: %,d rows, %,d bytes, seed %d%n", rows, sink.written(), seed);
        }
    }

    /** A count: a number with an optional k, m or g suffix (powers of 1000). */
    static long count(String s) {
        char c = Character.toLowerCase(s.charAt(s.length() - 1));
        long mult = c == 'k' ? 1_000L : c == 'm' ? 1_000_000L : c == 'g' ? 1_000_000_000L : 1;
        try {
            long n = Long.parseLong(mult == 1 ? s : s.substring(0, s.length() - 1));
            if (n <= 0) {
                usage("--rows must be > 0: " + s);
            }
            return Math.multiplyExact(n, mult);
        } catch (NumberFormatException | ArithmeticException e) {
            usage("not a row count: " + s);
            return 0;
        }
    }

    private static void usage(String problem) {
        System.err.println("TeraGen: " + problem);
        System.err.println(USAGE);
        System.exit(2);
    }
}
