package dev.quern.executor.output;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quern.api.Codec;
import dev.quern.api.Codecs;
import dev.quern.api.Text;
import dev.quern.proto.JobSpec;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputWritersTest {

    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    private static Codec<Object> codec(Codec<?> c) {
        return (Codec<Object>) c;
    }

    @Test
    void textIsKeyTabValueLines() throws Exception {
        Path part = dir.resolve("part");
        try (OutputWriter w = OutputWriters.create(JobSpec.OutputFormat.OUTPUT_TEXT, part, codec(Codecs.STRING), codec(Codecs.LONG))) {
            w.write("caf\u00e9", 3L);
            w.write("b", -1L);
            assertThat(w.records()).isEqualTo(2);
            assertThat(w.bytes()).as("caf\u00e9 is 5 bytes in UTF-8").isEqualTo(13);
        }
        assertThat(Files.readString(part, UTF_8)).isEqualTo("caf\u00e9\t3\nb\t-1\n");
        assertThat(Files.size(part)).isEqualTo(13);
    }

    @Test
    void textWritesTextAsItsBytesEvenWhenTheyAreNotUtf8() throws Exception {
        Path part = dir.resolve("part");
        byte[] malformed = {'o', 'k', (byte) 0xff, (byte) 0xc3};
        try (OutputWriter w = OutputWriters.create(JobSpec.OutputFormat.OUTPUT_TEXT, part, codec(Codecs.TEXT), codec(Codecs.TEXT))) {
            w.write(new Text().set(malformed, 0, malformed.length), new Text("caf\u00e9"));
            assertThat(w.bytes()).isEqualTo(4 + 1 + 5 + 1);
        }
        byte[] expected = new byte[11];
        System.arraycopy(malformed, 0, expected, 0, 4);
        expected[4] = '\t';
        System.arraycopy("caf\u00e9".getBytes(UTF_8), 0, expected, 5, 5);
        expected[10] = '\n';
        assertThat(Files.readAllBytes(part)).isEqualTo(expected);
    }

    @Test
    void rawIsTheSerializedKeyThenValueWithNothingBetweenRecords() throws Exception {
        Path part = dir.resolve("part");
        long bytes;
        try (OutputWriter w = OutputWriters.create(JobSpec.OutputFormat.OUTPUT_RAW, part, codec(Codecs.BYTES), codec(Codecs.BYTES))) {
            w.write(new byte[] {1, 2}, new byte[] {3, 4, 5});
            w.write(new byte[] {6, 7}, new byte[] {8, 9, 10});
            bytes = w.bytes();
            assertThat(w.records()).isEqualTo(2);
        }
        assertThat(Files.readAllBytes(part)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(bytes).isEqualTo(10);
    }

    @Test
    void rawWritesOtherTypesAsTheirCodecsDo() throws Exception {
        Path part = dir.resolve("part");
        try (OutputWriter w = OutputWriters.create(JobSpec.OutputFormat.OUTPUT_RAW, part, codec(Codecs.STRING), codec(Codecs.INT))) {
            w.write("ab", 1);
            assertThat(w.bytes()).isEqualTo(6);
        }
        assertThat(Files.readAllBytes(part)).containsExactly('a', 'b', 0x80, 0, 0, 1);
    }

    @Test
    void anExistingFileIsNeverOverwritten() throws Exception {
        Path part = Files.writeString(dir.resolve("part"), "someone else's", UTF_8);

        for (JobSpec.OutputFormat format : new JobSpec.OutputFormat[] {JobSpec.OutputFormat.OUTPUT_TEXT, JobSpec.OutputFormat.OUTPUT_RAW}) {
            assertThatThrownBy(() -> OutputWriters.create(format, part, codec(Codecs.STRING), codec(Codecs.STRING)))
                    .isInstanceOf(FileAlreadyExistsException.class);
        }
        assertThat(Files.readString(part, UTF_8)).isEqualTo("someone else's");
    }
}
