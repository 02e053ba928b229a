package dev.quern.coordinator.split;

import dev.quern.executor.map.input.TextOracle;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quern.executor.map.input.TextOracle.Line;
import dev.quern.executor.map.input.LineReader;
import dev.quern.proto.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextSplitterTest {

    @TempDir
    Path dir;

    /**
     * Random files, each split by the default splitter and by one whose scan buffer is a few bytes
     * (so a search for '\n' spans many reads): the splits are the oracle's, and reading them all back
     * with the executor's LineReader gives the file's lines, in order, each once, at the right offset.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 7, 64, 1000})
    void splitsOfRandomFilesAreTheOraclesAndReadBackToTheFilesLines(long splitSize) throws IOException {
        Random random = new Random(splitSize);
        for (int round = 0; round < 25; round++) {
            byte[] bytes = TextOracle.randomFile(random, 40);
            Path file = Files.write(dir.resolve("round-" + round), bytes);
            List<Split> expected = expectedSplits(file, bytes, splitSize);

            for (TextSplitter splitter : List.of(new TextSplitter(), new TextSplitter(1 + random.nextInt(5)))) {
                List<Split> splits = splitter.split(file, 3, splitSize);
                assertThat(splits).as("round %d, size %d bytes", round, bytes.length).isEqualTo(expected);
            }
            assertCoverExactly(expected, bytes);
            assertThat(readAll(expected)).as("round %d", round).isEqualTo(TextOracle.lines(bytes));
        }
    }

    @Test
    void emptyFileHasNoSplits() throws IOException {
        Path empty = Files.write(dir.resolve("empty"), new byte[0]);
        assertThat(new TextSplitter().split(empty, 0, 1)).isEmpty();
        assertThat(new TextSplitter().split(empty, 0, 64)).isEmpty();
    }

    @Test
    void exactMultipleOfTheSplitSizeHasNoTrailingEmptySplit() throws IOException {
        Path file = Files.write(dir.resolve("aligned"), "abcdefg\n".repeat(10).getBytes(UTF_8));
        assertThat(new TextSplitter().split(file, 0, 8)).hasSize(10).allMatch(s -> s.getLength() == 8);
        assertThat(new TextSplitter().split(file, 0, 16)).hasSize(5).allMatch(s -> s.getLength() == 16);
        assertThat(new TextSplitter().split(file, 0, 80)).hasSize(1);
        assertThat(new TextSplitter().split(file, 0, 1 << 30)).hasSize(1);
    }

    /** The example drawn in package-info.java. */
    @Test
    void packageInfoExample() throws IOException {
        Path file = Files.write(dir.resolve("example"), "abc\ndef\nghijklmnopqrstuvwxyz\n12345".getBytes(UTF_8));
        assertThat(new TextSplitter().split(file, 0, 8))
                .extracting(s -> s.getStart() + "+" + s.getLength())
                .containsExactly("0+8", "8+21", "29+5");
    }

    @Test
    void splitsNameTheAbsolutePathAndInputIndex() throws IOException {
        Path file = Files.write(dir.resolve("named"), "a\nb\n".getBytes(UTF_8));
        Path relative = Path.of("").toAbsolutePath().relativize(file);
        assertThat(new TextSplitter().split(relative, 7, 2))
                .allMatch(s -> s.getPath().equals(file.toString()) && s.getInputIndex() == 7)
                .hasSize(2);
    }

    @Test
    void errorsNameTheFileAndTheValue() throws IOException {
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> new TextSplitter().split(missing, 0, 10))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot split input file " + missing);
        Path file = Files.write(dir.resolve("f"), "x\n".getBytes(UTF_8));
        assertThatThrownBy(() -> new TextSplitter().split(file, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("split size must be positive, was 0");
        assertThatThrownBy(() -> new TextSplitter().split(file, -1, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("input index must not be negative, was -1");
    }

    /** The rule written the slow, obvious way: every nominal boundary moved, duplicates merged. */
    private static List<Split> expectedSplits(Path file, byte[] bytes, long splitSize) {
        TreeSet<Long> bounds = new TreeSet<>(List.of(0L, (long) bytes.length));
        for (long boundary = splitSize; boundary < bytes.length; boundary += splitSize) {
            long moved = bytes.length;
            for (long i = boundary - 1; i < bytes.length; i++) {
                if (bytes[(int) i] == '\n') {
                    moved = i + 1;
                    break;
                }
            }
            bounds.add(moved);
        }
        List<Long> cuts = new ArrayList<>(bounds);
        List<Split> splits = new ArrayList<>();
        for (int i = 0; i + 1 < cuts.size(); i++) {
            splits.add(Split.newBuilder()
                    .setPath(file.toAbsolutePath().toString())
                    .setStart(cuts.get(i))
                    .setLength(cuts.get(i + 1) - cuts.get(i))
                    .setInputIndex(3)
                    .build());
        }
        return splits;
    }

    /** Back to back from 0 to the end, none empty, each starting and ending on a line start. */
    private static void assertCoverExactly(List<Split> splits, byte[] bytes) {
        long next = 0;
        for (Split split : splits) {
            assertThat(split.getStart()).as("gap or overlap before %s", split).isEqualTo(next);
            assertThat(split.getLength()).as("empty split %s", split).isPositive();
            next = split.getStart() + split.getLength();
            assertThat(next == bytes.length || bytes[(int) next - 1] == '\n').as("%s ends on a line start", split)
                    .isTrue();
        }
        assertThat(next).as("end of the last split").isEqualTo(bytes.length);
    }

    private static List<Line> readAll(List<Split> splits) throws IOException {
        List<Line> lines = new ArrayList<>();
        for (Split split : splits) {
            try (LineReader reader = LineReader.open(split)) {
                while (reader.next()) {
                    lines.add(new Line(reader.offset(), reader.lineLength(), reader.line()));
                }
                assertThat(reader.bytesRead()).isEqualTo(split.getLength());
            }
        }
        return lines;
    }
}
