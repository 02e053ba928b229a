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
 * <pre>bench/gen.sh ZipfText --bytes 256m [--seed 42] --out FILE</pre>
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
    private static final String USAGE = "usage: bench/gen.sh ZipfText --bytes SIZE[k|m|g] [--seed N] --out FILE";
    private static final int VOCABULARY = 100_000;
    private static final int WIDTH = 78;

    private ZipfText() {}

    public static void main(String[] args) throws IOException {
        Map<String, String> opts = GenSupport.options(args, Set.of("--bytes", "--seed", "--out"), ZipfText::usage);
        long limit = GenSupport.size(opts.get("--bytes"), ZipfText::usage);
        long seed = Long.parseLong(opts.getOrDefault("--seed", "42"));
        Path out = Path.of(opts.get("--out"));

        SplittableRandom rnd = new SplittableRandom(seed);
        byte[][] words = vocabulary(rnd);
        GenSupport.Zipf zipf = new GenSupport.Zipf(VOCABULARY, 1.0);
        byte[] line = new byte[WIDTH + 16];
        int len = 0;
        long lines = 0;
        long tokens = 0;
        long pending = 0; // tokens on the line being built
        boolean capitalize = true;
        try (GenSupport.Sink sink = new GenSupport.Sink(out, limit)) {
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

    private static void usage(String problem) {
        System.err.println("ZipfText: " + problem);
        System.err.println(USAGE);
        System.exit(2);
    }
}
