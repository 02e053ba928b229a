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
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes English-shaped synthetic text whose word frequencies follow Zipf's law: the input of the
 * WordCount benchmark.
 *
 * <pre>java bench/gen/ZipfText.java --bytes 256m [--seed 42] --out FILE</pre>
 *
 * <p>Output is ASCII only. Everything comes from one {@code SplittableRandom(seed)}, so the same
 * arguments give the same bytes on any JVM (Java 17 floating point is strict), and a smaller file made
 * with the same seed is a byte prefix of a larger one. The file is written to {@code FILE.part} and
 * renamed to {@code FILE} at the end; stdout gets {@code SHA-256  FILE} (the {@code sha256sum} format),
 * stderr the counts.
 *
 * <ul>
 *   <li><b>Vocabulary</b>: 100,000 distinct words of 1-12 lowercase letters {@code a-z}, drawn
 *       uniformly. A word's length grows with its popularity rank {@code r} (0-based):
 *       {@code min(12, 1 + floor(2 log10(r + 1)) + uniform{0,1,2})}, so frequent words are short,
 *       as in English ({@code r = 0}: 1-3 letters; {@code r = 99,999}: 11-12).
 *   <li><b>Words</b>: ranks drawn from Zipf(s = 1.0) over the vocabulary, P(r) proportional to
 *       1/(r + 1), with Walker's alias method.
 *   <li><b>Punctuation</b>: after a word, {@code ,} 5 %, {@code .} 4 %, {@code ;} and {@code :}
 *       0.3 % each, {@code ?} 0.4 %, {@code !} 0.2 %. The word after {@code . ? !} and the first word
 *       of the file are capitalized ({@code The}). So one vocabulary word yields several tokens
 *       ({@code the}, {@code The}, {@code the,} ...), as in real text.
 *   <li><b>Separators</b> inside a line: one space 97 %, one tab 2 %, two spaces 1 %.
 *   <li><b>Lines</b>: greedily filled up to 78 columns (a tab counts as one), ended by {@code \n};
 *       no line starts or ends with a blank. After each line, with probability 1/8, one empty line
 *       (a paragraph break).
 *   <li><b>Size</b>: lines are written while they fit, so the file has at most {@code --bytes} bytes
 *       and is shorter by less than one line; it always ends with {@code \n}.
 * </ul>
 *
 * <p>Tokens split at {@code [:space:]} therefore never contain a blank, and {@code tr -s '[:space:]'
 * '\n'} yields exactly the words written (the file never starts with a blank).
 */
public final class ZipfText {
    private static final String USAGE = "usage: java ZipfText.java --bytes SIZE[k|m|g] [--seed N] --out FILE";
    private static final int VOCABULARY = 100_000;
    private static final int WIDTH = 78;

    private ZipfText() {}

    public static void main(String[] args) throws IOException {
        Map<String, String> opts = options(args, Set.of("--bytes", "--seed", "--out"));
        long limit = size(opts.get("--bytes"));
        long seed = Long.parseLong(opts.getOrDefault("--seed", "42"));
        Path out = Path.of(opts.get("--out"));

        SplittableRandom rnd = new SplittableRandom(seed);
        byte[][] words = vocabulary(rnd);
        Zipf zipf = new Zipf(VOCABULARY, 1.0);
        byte[] line = new byte[WIDTH + 16];
        int len = 0;
        long lines = 0;
        long tokens = 0;
        long pending = 0; // tokens on the line being built
        boolean capitalize = true;
        try (Sink sink = new Sink(out, limit)) {
            while (true) {
                byte[] word = words[zipf.sample(rnd)];
                byte punct = punctuation(rnd.nextInt(10_000));
                int sep = rnd.nextInt(100); // 0-96 space, 97-98 tab, 99 two spaces
                int sepLen = sep == 99 ? 2 : 1;
                int tokenLen = word.length + (punct == 0 ? 0 : 1);
                if (len > 0 && len + sepLen + tokenLen > WIDTH) {
                    line[len++] = '\n';
                    if (!sink.fits(len)) {
                        break;
                    }
                    sink.write(line, len);
                    lines++;
                    tokens += pending;
                    pending = 0;
                    len = 0;
                    if (rnd.nextInt(8) == 0) {
                        line[0] = '\n';
                        if (!sink.fits(1)) {
                            break;
                        }
                        sink.write(line, 1);
                        lines++;
                    }
                }
                if (len > 0) {
                    line[len++] = sep < 97 ? (byte) ' ' : sep < 99 ? (byte) '\t' : (byte) ' ';
                    if (sep == 99) {
                        line[len++] = ' ';
                    }
                }
                System.arraycopy(word, 0, line, len, word.length);
                if (capitalize) {
                    line[len] -= 'a' - 'A';
                }
                len += word.length;
                if (punct != 0) {
                    line[len++] = punct;
                }
                capitalize = punct == '.' || punct == '?' || punct == '!';
                pending++;
            }
            String sha = sink.finish();
            System.out.println(sha + "  " + out);
            System.err.printf("ZipfText: %,d bytes, %,d lines, %,d words, seed %d%n", sink.written(), lines, tokens, seed);
        }
    }

    /** 10,000ths: {@code ,} 500, {@code .} 400, {@code ;} 30, {@code :} 30, {@code ?} 40, {@code !} 20; else none (0). */
    private static byte punctuation(int r) {
        if (r < 500) {
            return ',';
        } else if (r < 900) {
            return '.';
        } else if (r < 930) {
            return ';';
        } else if (r < 960) {
            return ':';
        } else if (r < 1000) {
            return '?';
        } else if (r < 1020) {
            return '!';
        }
        return 0;
    }

    /** Distinct lowercase words, shortest at the most popular ranks (see the class Javadoc). */
    private static byte[][] vocabulary(SplittableRandom rnd) {
        byte[][] words = new byte[VOCABULARY][];
        Set<String> seen = new HashSet<>(2 * VOCABULARY);
        for (int rank = 0; rank < VOCABULARY; rank++) {
            int length = Math.min(12, 1 + (int) (2 * StrictMath.log10(rank + 1)) + rnd.nextInt(3));
            for (int attempt = 1; ; attempt++) {
                byte[] w = new byte[length];
                for (int i = 0; i < length; i++) {
                    w[i] = (byte) ('a' + rnd.nextInt(26));
                }
                if (seen.add(new String(w, StandardCharsets.US_ASCII))) {
                    words[rank] = w;
                    break;
                }
                if (attempt % 8 == 0 && length < 12) {
                    length++; // the short lengths are nearly all taken
                }
            }
        }
        return words;
    }

    // ---- shared by the three generators (each is one file so that the source launcher runs it) ----

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
    static Map<String, String> options(String[] args, Set<String> known) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!known.contains(args[i]) || i + 1 >= args.length) {
                usage("unknown option or missing value: " + args[i]);
            }
            opts.put(args[i], args[i + 1]);
        }
        for (String k : known) {
            if (!k.equals("--seed") && !opts.containsKey(k)) {
                usage("missing " + k);
            }
        }
        if (!opts.getOrDefault("--seed", "0").matches("-?[0-9]{1,18}")) {
            usage("--seed must be an integer: " + opts.get("--seed"));
        }
        return opts;
    }

    /** Bytes: a number with an optional k, m or g suffix (powers of 1024). */
    static long size(String s) {
        char c = Character.toLowerCase(s.charAt(s.length() - 1));
        int shift = c == 'k' ? 10 : c == 'm' ? 20 : c == 'g' ? 30 : 0;
        try {
            long n = Long.parseLong(shift == 0 ? s : s.substring(0, s.length() - 1));
            if (n <= 0) {
                usage("size must be > 0: " + s);
            }
            return n << shift;
        } catch (NumberFormatException e) {
            usage("not a size: " + s);
            return 0;
        }
    }

    private static void usage(String problem) {
        System.err.println("ZipfText: " + problem);
        System.err.println(USAGE);
        System.exit(2);
    }
}
