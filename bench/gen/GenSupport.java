import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * What the three generators share: a Zipf sampler, a buffered hashing sink, option parsing. They are
 * compiled together by {@code bench/gen.sh} (the JDK's single-file launcher cannot share a class).
 */
final class GenSupport {

    private GenSupport() {}


    /** Ranks 0..n-1 with P(k) proportional to 1/(k+1)^s, O(1) per sample (Walker/Vose alias method). */
    static final class Zipf {
        private final double[] prob;
        private final int[] alias;

        Zipf(int n, double s) {
            prob = new double[n];
            alias = new int[n];
            double[] w = new double[n];
            double sum = 0;
            for (int k = 0; k < n; k++) {
                w[k] = 1.0 / StrictMath.pow(k + 1, s);
                sum += w[k];
            }
            int[] small = new int[n];
            int[] large = new int[n];
            int ns = 0;
            int nl = 0;
            for (int k = 0; k < n; k++) {
                w[k] = w[k] * n / sum;
                if (w[k] < 1) {
                    small[ns++] = k;
                } else {
                    large[nl++] = k;
                }
            }
            while (ns > 0 && nl > 0) {
                int l = small[--ns];
                int g = large[--nl];
                prob[l] = w[l];
                alias[l] = g;
                w[g] = (w[g] + w[l]) - 1;
                if (w[g] < 1) {
                    small[ns++] = g;
                } else {
                    large[nl++] = g;
                }
            }
            while (nl > 0) {
                prob[large[--nl]] = 1;
            }
            while (ns > 0) {
                prob[small[--ns]] = 1; // rounding leftovers
            }
        }

        int sample(SplittableRandom r) {
            int k = r.nextInt(prob.length);
            return r.nextDouble() < prob[k] ? k : alias[k];
        }
    }

    /** Writes through an 8 MiB buffer to {@code OUT.part}, hashing as it goes; {@link #finish} renames it to OUT. */
    static final class Sink implements AutoCloseable {
        private final byte[] buf = new byte[8 << 20];
        private final Path out;
        private final Path part;
        private final FileChannel ch;
        private final MessageDigest sha;
        private final long limit;
        private int pos;
        private long written;

        Sink(Path out, long limit) throws IOException {
            this.out = out;
            this.part = out.resolveSibling(out.getFileName() + ".part");
            this.limit = limit;
            this.ch = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            try {
                this.sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }

        boolean fits(int n) {
            return written + n <= limit;
        }

        void write(byte[] b, int n) throws IOException {
            if (pos + n > buf.length) {
                flush();
            }
            System.arraycopy(b, 0, buf, pos, n);
            pos += n;
            written += n;
        }

        long written() {
            return written;
        }

        /** Flushes, renames OUT.part to OUT and returns the SHA-256 of the bytes written, in hex. */
        String finish() throws IOException {
            flush();
            ch.close();
            Files.move(part, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return HexFormat.of().formatHex(sha.digest());
        }

        private void flush() throws IOException {
            sha.update(buf, 0, pos);
            ByteBuffer bb = ByteBuffer.wrap(buf, 0, pos);
            while (bb.hasRemaining()) {
                ch.write(bb);
            }
            pos = 0;
        }

        @Override
        public void close() throws IOException {
            ch.close(); // after finish() a no-op; after a failure OUT.part stays for inspection
        }
    }

    /** {@code --name value} pairs; exits with the usage on anything else. */
    static Map<String, String> options(String[] args, Set<String> known, Consumer<String> usage) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!known.contains(args[i]) || i + 1 >= args.length) {
                usage.accept("unknown option or missing value: " + args[i]);
            }
            opts.put(args[i], args[i + 1]);
        }
        for (String k : known) {
            if (!k.equals("--seed") && !opts.containsKey(k)) {
                usage.accept("missing " + k);
            }
        }
        if (!opts.getOrDefault("--seed", "0").matches("-?[0-9]{1,18}")) {
            usage.accept("--seed must be an integer: " + opts.get("--seed"));
        }
        return opts;
    }

    /** Bytes: a number with an optional k, m or g suffix (powers of 1024). */
    static long size(String s, Consumer<String> usage) {
        char c = Character.toLowerCase(s.charAt(s.length() - 1));
        int shift = c == 'k' ? 10 : c == 'm' ? 20 : c == 'g' ? 30 : 0;
        try {
            long n = Long.parseLong(shift == 0 ? s : s.substring(0, s.length() - 1));
            if (n <= 0) {
                usage.accept("size must be > 0: " + s);
            }
            return n << shift;
        } catch (NumberFormatException e) {
            usage.accept("not a size: " + s);
            return 0;
        }
    }
}
