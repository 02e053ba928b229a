package dev.quern.executor.map.input;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random text files and the obvious way to cut them into lines, to check {@link LineReader} against.
 * The coordinator's split tests use it too, through this module's test jar.
 */
public final class TextOracle {

    /** A line as the oracle sees it: where it starts, its bytes without line end, and its text. */
    public record Line(long offset, int length, String text) {}

    private static final byte[][] PIECES = {
        "a".getBytes(UTF_8), "Z".getBytes(UTF_8), " ".getBytes(UTF_8), "\t".getBytes(UTF_8),
        "é".getBytes(UTF_8), "日本".getBytes(UTF_8), "\uD83D\uDE00".getBytes(UTF_8), // 2, 6 and 4 bytes
        {'\r'}, // a lone carriage return, part of the line
        {(byte) 0xff}, {(byte) 0xc3}, // malformed UTF-8, replaced when decoded
    };

    private TextOracle() {}

    /**
     * A file of random lines: empty ones, short ones, and a few of thousands of bytes (far longer
     * than small split sizes); ends in '\n', "\r\n" or neither, at random.
     */
    public static byte[] randomFile(Random random, int maxLines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int lines = random.nextInt(maxLines + 1);
        for (int i = 0; i < lines; i++) {
            int length = switch (random.nextInt(10)) {
                case 0, 1 -> 0;
                case 2, 3, 4, 5, 6 -> 1 + random.nextInt(10);
                case 7, 8 -> 10 + random.nextInt(80);
                default -> 80 + random.nextInt(3000);
            };
            for (int b = 0; b < length; b++) {
                int pick = random.nextInt(20);
                out.writeBytes(pick < PIECES.length ? PIECES[pick] : new byte[] {(byte) ('a' + pick)});
            }
            boolean last = i == lines - 1;
            switch (random.nextInt(last ? 3 : 2)) {
                case 0 -> out.write('\n');
                case 1 -> out.writeBytes(new byte[] {'\r', '\n'});
                default -> { } // the last line has no line end
            }
        }
        return out.toByteArray();
    }

    /** The lines of the whole file: split on '\n', drop one '\r' before it, keep a last unended line. */
    public static List<Line> lines(byte[] bytes) {
        List<Line> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
                lines.add(new Line(start, end - start, new String(bytes, start, end - start, UTF_8)));
                start = i + 1;
            }
        }
        if (start < bytes.length) {
            lines.add(new Line(start, bytes.length - start, new String(bytes, start, bytes.length - start, UTF_8)));
        }
        return lines;
    }

    /** Every line start of the file, then its size: the legal split boundaries, in order. */
    public static List<Long> lineStarts(byte[] bytes) {
        List<Long> starts = new ArrayList<>();
        for (Line line : lines(bytes)) {
            starts.add(line.offset());
        }
        starts.add((long) bytes.length);
        return starts;
    }
}
