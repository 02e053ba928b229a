package dev.quern.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Deterministic test text: Zipf-distributed words over a made-up vocabulary, in lines of varied length. */
public final class Corpus {

    private final String[] vocabulary;
    private final double[] cumulative;
    private final Random random;

    public Corpus(long seed, int vocabularySize) {
        this.random = new Random(seed);
        this.vocabulary = new String[vocabularySize];
        String[] extras = {"é", "ß", "日本", "😀", "Ü", ",", ".", "-"};
        for (int i = 0; i < vocabularySize; i++) {
            StringBuilder w = new StringBuilder();
            int len = 1 + random.nextInt(9);
            for (int j = 0; j < len; j++) {
                w.append((char) ('a' + random.nextInt(26)));
            }
            if (i % 17 == 0) {
                w.append(extras[i % extras.length]);
            }
            if (i % 5 == 0) {
                w.setCharAt(0, Character.toUpperCase(w.charAt(0)));
            }
            vocabulary[i] = w.toString();
        }
        cumulative = new double[vocabularySize];
        double sum = 0;
        for (int i = 0; i < vocabularySize; i++) {
            sum += 1.0 / (i + 1);
            cumulative[i] = sum;
        }
        for (int i = 0; i < vocabularySize; i++) {
            cumulative[i] /= sum;
        }
    }

    public String word() {
        double u = random.nextDouble();
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return vocabulary[lo];
    }

    /** Writes about {@code bytes} bytes of text: words separated by runs of the six whitespace bytes. */
    public Path write(Path file, long bytes, String lineEnd) throws IOException {
        StringBuilder text = new StringBuilder();
        String[] gaps = {" ", " ", " ", "  ", "\t", " \t ", "\f", "\u000b"};
        while (text.length() < bytes) {
            int words = random.nextInt(14);
            if (random.nextInt(10) == 0) {
                text.append("   ");
            }
            for (int i = 0; i < words; i++) {
                if (i > 0) {
                    text.append(gaps[random.nextInt(gaps.length)]);
                }
                text.append(word());
            }
            text.append(lineEnd);
        }
        Files.createDirectories(file.getParent());
        return Files.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
