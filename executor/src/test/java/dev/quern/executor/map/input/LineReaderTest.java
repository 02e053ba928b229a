package dev.quern.executor.map.input;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quern.proto.Split;
import dev.quern.executor.map.input.TextOracle.Line;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LineReaderTest {

    @TempDir
    Path dir;

    /**
     * Cuts random files at random line starts (the coordinator's promise) and reads every split with
     * buffers from one byte up: the lines in order must be the oracle's, with the right offsets.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 64, 1000, LineReader.DEFAULT_BUFFER_SIZE})
    void randomSplitsReadTheOraclesLines(int bufferSize) throws IOException {
        Random random = new Random(bufferSize);
        for (int round = 0; round < 40; round++) {
            byte[] bytes = TextOracle.randomFile(random, 40);
            Path file = write("round-" + round, bytes);
            List<Long> bounds = randomBoundaries(random, TextOracle.lineStarts(bytes));

            List<Line> read = new ArrayList<>();
            for (int i = 0; i + 1 < bounds.size(); i++) {
                long start = bounds.get(i);
                long length = bounds.get(i + 1) - start;
                try (LineReader lines = LineReader.open(file, start, length, bufferSize)) {
                    read.addAll(readAll(lines, bytes));
                    assertThat(lines.bytesRead()).as("bytes read of split %d+%d", start, length).isEqualTo(length);
                }
            }
            assertThat(read).as("round %d, boundaries %s", round, bounds).isEqualTo(TextOracle.lines(bytes));
        }
    }

    @Test
    void lineEnds() throws IOException {
        byte[] bytes = "a\r\nb\rc\n\r\n\n\rd\r".getBytes(UTF_8);
        assertThat(texts(write("ends", bytes), 0, bytes.length)).containsExactly("a", "b\rc", "", "", "\rd\r");
    }

    @Test
    void finalLineWithoutNewlineAndFinalNewlineGiveTheSameLines() throws IOException {
        assertThat(texts(write("with", "x\ny\n".getBytes(UTF_8)), 0, 4)).containsExactly("x", "y");
        assertThat(texts(write("without", "x\ny".getBytes(UTF_8)), 0, 3)).containsExactly("x", "y");
    }

    @Test
    void readsOnlyTheSplitsBytes() throws IOException {
        // Neither neighbour is a line; a reader that looked outside [3, 9) would return a different line.
        Path file = write("middle", "xxxAB\nCD\nyyy".getBytes(UTF_8));
        try (LineReader lines = LineReader.open(file, 3, 6)) {
            assertThat(lines.next()).isTrue();
            assertThat(lines.offset()).isEqualTo(3);
            assertThat(lines.line()).isEqualTo("AB");
            assertThat(lines.next()).isTrue();
            assertThat(lines.offset()).isEqualTo(6);
            assertThat(lines.line()).isEqualTo("CD");
            assertThat(lines.next()).isFalse();
            assertThat(lines.bytesRead()).isEqualTo(6);
        }
    }

    @Test
    void lineMuchLongerThanTheBufferGrowsIt() throws IOException {
        byte[] longLine = new byte[100_000];
        Arrays.fill(longLine, (byte) 'q');
        Path file = write("long", (new String(longLine, UTF_8) + "\r\nshort\n").getBytes(UTF_8));
        try (LineReader lines = LineReader.open(file, 0, longLine.length + 8, 3)) {
            assertThat(lines.next()).isTrue();
            assertThat(lines.lineLength()).isEqualTo(longLine.length);
            assertThat(Arrays.copyOfRange(lines.buffer(), lines.lineStart(), lines.lineStart() + lines.lineLength()))
                    .isEqualTo(longLine);
            assertThat(lines.next()).isTrue();
            assertThat(lines.line()).isEqualTo("short");
            assertThat(lines.offset()).isEqualTo(longLine.length + 2);
            assertThat(lines.next()).isFalse();
        }
    }

    @Test
    void malformedUtf8IsReplacedAsStringDoes() throws IOException {
        byte[] bytes = {'o', 'k', (byte) 0xff, (byte) 0xc3, '\n'};
        assertThat(texts(write("bad", bytes), 0, bytes.length)).containsExactly("ok\uFFFD\uFFFD");
    }

    @Test
    void emptySplitHasNoLines() throws IOException {
        Path file = write("some", "abc\n".getBytes(UTF_8));
        assertThat(texts(file, 4, 0)).isEmpty();
        assertThat(texts(write("empty", new byte[0]), 0, 0)).isEmpty();
    }

    @Test
    void opensASplitMessage() throws IOException {
        Path file = write("proto", "one\ntwo\n".getBytes(UTF_8));
        Split split = Split.newBuilder().setPath(file.toString()).setStart(4).setLength(4).build();
        try (LineReader lines = LineReader.open(split)) {
            assertThat(lines.next()).isTrue();
            assertThat(lines.line()).isEqualTo("two");
            assertThat(lines.next()).isFalse();
        }
    }

    @Test
    void errorsNameTheSplit() throws IOException {
        Path file = write("short", "abc\n".getBytes(UTF_8));
        assertThatThrownBy(() -> LineReader.open(file, 2, 5))
                .isInstanceOf(EOFException.class)
                .hasMessageContaining(file + "@2+5")
                .hasMessageContaining("4 bytes");
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> LineReader.open(missing, 0, 1))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(missing + "@0+1 is unreadable");
        assertThatThrownBy(() -> LineReader.open(file, -1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file + "@-1+1");
    }

    @Test
    void noCurrentLineBeforeNextOrAfterTheEnd() throws IOException {
        try (LineReader lines = LineReader.open(write("one", "x\n".getBytes(UTF_8)), 0, 2)) {
            assertThatThrownBy(lines::line).isInstanceOf(IllegalStateException.class).hasMessageContaining("next()");
            assertThat(lines.next()).isTrue();
            assertThat(lines.next()).isFalse();
            assertThatThrownBy(lines::offset).isInstanceOf(IllegalStateException.class);
        }
    }

    /** Reads every line, checking the raw bytes agree with the decoded text. */
    private static List<Line> readAll(LineReader lines, byte[] file) throws IOException {
        List<Line> read = new ArrayList<>();
        while (lines.next()) {
            byte[] raw = Arrays.copyOfRange(lines.buffer(), lines.lineStart(), lines.lineStart() + lines.lineLength());
            int offset = Math.toIntExact(lines.offset());
            assertThat(raw).isEqualTo(Arrays.copyOfRange(file, offset, offset + raw.length));
            read.add(new Line(lines.offset(), lines.lineLength(), lines.line()));
        }
        return read;
    }

    private List<String> texts(Path file, long start, long length) throws IOException {
        try (LineReader lines = LineReader.open(file, start, length)) {
            List<String> texts = new ArrayList<>();
            while (lines.next()) {
                texts.add(lines.line());
            }
            return texts;
        }
    }

    /** 0, a random subset of the line starts, and the size: one way a coordinator could cut the file. */
    private static List<Long> randomBoundaries(Random random, List<Long> lineStarts) {
        TreeSet<Long> bounds = new TreeSet<>(List.of(0L, lineStarts.get(lineStarts.size() - 1)));
        for (long start : lineStarts) {
            if (random.nextInt(3) == 0) {
                bounds.add(start);
            }
        }
        return new ArrayList<>(bounds);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }
}
