package dev.quern.executor.map.input;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quern.api.Text;
import dev.quern.proto.InputSpec;
import dev.quern.proto.Split;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordReadersTest {

    @TempDir
    Path dir;

    private static Split split(Path file, long start, long length) {
        return Split.newBuilder().setPath(file.toString()).setStart(start).setLength(length).build();
    }

    private static InputSpec spec(InputSpec.Format format) {
        return InputSpec.newBuilder().setFormat(format).build();
    }

    /** Every (key, value) of the split, as "key|value" with byte[] in hex. */
    private static List<String> readAll(InputSpec input, Split split) throws Exception {
        List<String> out = new ArrayList<>();
        try (RecordReader r = RecordReaders.open(input, split)) {
            while (r.next()) {
                out.add(text(r.key()) + "|" + text(r.value()));
            }
            assertThat(r.progress()).isEqualTo(1f);
        }
        return out;
    }

    private static String text(Object o) {
        return o instanceof byte[] b ? java.util.HexFormat.of().formatHex(b) : o.getClass().getSimpleName() + ":" + o;
    }

    @Test
    void textIsOffsetAndLine() throws Exception {
        Path file = Files.writeString(dir.resolve("t"), "ab\r\n\ncd", UTF_8);

        assertThat(readAll(spec(InputSpec.Format.TEXT), split(file, 0, 7)))
                .containsExactly("Long:0|String:ab", "Long:4|String:", "Long:5|String:cd");
    }

    @Test
    void textForAMapperOfTextIsOneReusedTextHoldingTheLinesBytes() throws Exception {
        byte[] malformed = {'o', 'k', (byte) 0xff, 'x'};
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes("caf\u00e9\r\n\n".getBytes(UTF_8));
        content.writeBytes(malformed);
        Path file = Files.write(dir.resolve("t"), content.toByteArray());
        List<String> read = new ArrayList<>();
        Object first = null;
        try (RecordReader r = RecordReaders.open(spec(InputSpec.Format.TEXT), split(file, 0, Files.size(file)), Text.class)) {
            while (r.next()) {
                Text line = (Text) r.value();
                first = first == null ? line : first;
                assertThat(line).isSameAs(first);
                read.add(r.key() + "|" + java.util.HexFormat.of().formatHex(line.toBytes()));
            }
        }
        assertThat(read).containsExactly("0|" + java.util.HexFormat.of().formatHex("caf\u00e9".getBytes(UTF_8)), "7|",
                "8|" + java.util.HexFormat.of().formatHex(malformed)); // bytes as they are: no U+FFFD
    }

    @Test
    void aCombinedSplitHandsTextLinesToAMapperOfTextToo() throws Exception {
        Path a = Files.writeString(dir.resolve("a"), "one\ntwo\n", UTF_8);
        Path b = Files.writeString(dir.resolve("b"), "three", UTF_8);
        Split combined = Split.newBuilder().setLength(Files.size(a) + Files.size(b))
                .addFiles(split(a, 0, Files.size(a))).addFiles(split(b, 0, Files.size(b))).build();
        List<String> read = new ArrayList<>();
        try (RecordReader r = RecordReaders.open(spec(InputSpec.Format.TEXT), combined, Text.class)) {
            while (r.next()) {
                read.add(text(r.value()));
            }
        }
        assertThat(read).containsExactly("Text:one", "Text:two", "Text:three");
    }

    @Test
    void keyValueTextSplitsAtTheFirstTabAndALineWithoutOneHasAnEmptyValue() throws Exception {
        String lines = "apple\t3\n" + "pear\n" + "\tonly value\n" + "k\tv\tw\r\n" + "caf\u00e9\t\u00fcber\n" + "empty\t\n" + "\n" + "last\tno newline";
        Path file = Files.writeString(dir.resolve("kv"), lines, UTF_8);

        List<String> read = readAll(spec(InputSpec.Format.KEY_VALUE_TEXT), split(file, 0, Files.size(file)));

        assertThat(read).containsExactly("String:apple|String:3", "String:pear|String:", "String:|String:only value",
                "String:k|String:v\tw", "String:caf\u00e9|String:\u00fcber", "String:empty|String:", "String:|String:",
                "String:last|String:no newline");
    }

    @Test
    void keyValueTextCountsTheBytesOfItsSplit() throws Exception {
        Path file = Files.writeString(dir.resolve("kv"), "a\t1\nbb\t22\n", UTF_8);
        try (RecordReader r = RecordReaders.open(spec(InputSpec.Format.KEY_VALUE_TEXT), split(file, 4, 6))) {
            assertThat(r.next()).isTrue();
            assertThat(r.key()).isEqualTo("bb");
            assertThat(r.where()).isEqualTo("the line at " + file + ":4");
            assertThat(r.next()).isFalse();
            assertThat(r.bytesRead()).isEqualTo(6);
        }
    }

    @Test
    void rangeReadsItsNumbersWithTheWholeCount() throws Exception {
        InputSpec range = InputSpec.newBuilder().setFormat(InputSpec.Format.RANGE).setRangeCount(10).setRangeSplits(3).build();
        Split numbers = Split.newBuilder().setStart(4).setLength(3).build();

        assertThat(readAll(range, numbers)).containsExactly("Long:4|Long:10", "Long:5|Long:10", "Long:6|Long:10");
        try (RecordReader r = RecordReaders.open(range, numbers)) {
            r.next();
            assertThat(r.bytesRead()).isZero();
            assertThat(r.where()).contains("number 4");
        }
    }

    @Test
    void anEmptyRangeHasNoRecords() throws Exception {
        InputSpec range = InputSpec.newBuilder().setFormat(InputSpec.Format.RANGE).setRangeCount(0).setRangeSplits(1).build();

        assertThat(readAll(range, Split.newBuilder().build())).isEmpty();
    }

    @Test
    void aRangeSplitOutsideTheCountIsRefused() {
        InputSpec range = InputSpec.newBuilder().setFormat(InputSpec.Format.RANGE).setRangeCount(10).build();

        assertThatThrownBy(() -> RecordReaders.open(range, Split.newBuilder().setStart(8).setLength(5).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 10)");
    }

    /** Buffers from one record up: every record of the split, in order, and the split's byte count. */
    @Test
    void fixedLengthGivesEveryRecordOfTheSplitWhateverTheBuffer() throws Exception {
        Random random = new Random(11);
        byte[] bytes = new byte[37 * 13];
        random.nextBytes(bytes);
        Path file = Files.write(dir.resolve("f"), bytes);
        for (int buffer : new int[] {1, 13, 14, 40, 1 << 20}) {
            for (int[] range : new int[][] {{0, 37}, {5, 10}, {36, 1}, {0, 0}}) {
                Split s = split(file, range[0] * 13L, range[1] * 13L);
                ByteArrayOutputStream read = new ByteArrayOutputStream();
                try (FixedLengthRecordReader r = new FixedLengthRecordReader(s, 13, 4, buffer)) {
                    while (r.next()) {
                        assertThat((byte[]) r.key()).hasSize(4);
                        assertThat((byte[]) r.value()).hasSize(9);
                        read.write((byte[]) r.key());
                        read.write((byte[]) r.value());
                    }
                    assertThat(r.bytesRead()).isEqualTo(s.getLength());
                }
                assertThat(read.toByteArray()).as("buffer %d, records %d+%d", buffer, range[0], range[1])
                        .isEqualTo(java.util.Arrays.copyOfRange(bytes, range[0] * 13, (range[0] + range[1]) * 13));
            }
        }
    }

    @Test
    void fixedLengthKeysAndValuesAreNewArraysTheMapperMayKeep() throws Exception {
        Path file = Files.write(dir.resolve("f"), new byte[] {1, 2, 3, 4, 5, 6});
        InputSpec input = InputSpec.newBuilder().setFormat(InputSpec.Format.FIXED_LENGTH).setRecordBytes(3).setKeyBytes(1).build();
        try (RecordReader r = RecordReaders.open(input, split(file, 0, 6))) {
            r.next();
            byte[] firstKey = (byte[]) r.key();
            assertThat(r.where()).isEqualTo("the record at " + file + ":0");
            r.next();
            assertThat(firstKey).containsExactly(1);
            assertThat((byte[]) r.key()).containsExactly(4);
            assertThat((byte[]) r.value()).containsExactly(5, 6);
            assertThat(r.where()).isEqualTo("the record at " + file + ":3");
        }
    }

    @Test
    void aFixedLengthSplitNotOnRecordsOrPastTheEndIsRefused() throws Exception {
        Path file = Files.write(dir.resolve("f"), new byte[100]);
        InputSpec input = InputSpec.newBuilder().setFormat(InputSpec.Format.FIXED_LENGTH).setRecordBytes(10).setKeyBytes(2).build();

        assertThatThrownBy(() -> RecordReaders.open(input, split(file, 5, 10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10-byte records");
        assertThatThrownBy(() -> RecordReaders.open(input, split(file, 90, 20)))
                .isInstanceOf(EOFException.class).hasMessageContaining("100 bytes");
    }

    @Test
    void anInputWithoutAFormatIsRefused() {
        assertThatThrownBy(() -> RecordReaders.open(InputSpec.getDefaultInstance(), Split.getDefaultInstance()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("format");
    }
}
