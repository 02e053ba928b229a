package dev.quern.executor.map.input;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.proto.InputSpec;
import dev.quern.proto.Split;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A combined split read file after file, with each record's file, bytes and progress. */
class CombinedRecordReaderTest {

    @TempDir
    Path dir;

    private Split whole(Path file) throws Exception {
        return Split.newBuilder().setPath(file.toString()).setStart(0).setLength(Files.size(file)).build();
    }

    @Test
    void readsEachFileWholeInOrderAndNamesTheCurrentOne() throws Exception {
        Path a = Files.writeString(dir.resolve("a.txt"), "one\ntwo\r\n");
        Path empty = Files.createFile(dir.resolve("empty.txt"));
        Path b = Files.writeString(dir.resolve("b.txt"), "k\tv\nlast line without newline");
        Split combined = Split.newBuilder().setLength(Files.size(a) + Files.size(b))
                .addFiles(whole(a)).addFiles(whole(empty)).addFiles(whole(b)).build();
        InputSpec text = InputSpec.newBuilder().setFormat(InputSpec.Format.TEXT).build();
        List<String> seen = new ArrayList<>();
        try (RecordReader r = RecordReaders.open(text, combined)) {
            assertThat(r).isInstanceOf(CombinedRecordReader.class);
            Supplier<Optional<Path>> file = RecordReaders.inputFile(combined, r);
            assertThat(file.get()).isEmpty();
            while (r.next()) {
                seen.add(file.get().orElseThrow().getFileName() + ":" + r.key() + ":" + r.value());
                assertThat(r.where()).contains(file.get().orElseThrow().toString());
            }
            assertThat(r.bytesRead()).isEqualTo(combined.getLength());
            assertThat(r.progress()).isEqualTo(1f);
        }
        // Keys are offsets within each file, as for a split of that file alone.
        assertThat(seen).containsExactly("a.txt:0:one", "a.txt:4:two", "b.txt:0:k\tv", "b.txt:4:last line without newline");
    }

    @Test
    void keyValueTextAndAPlainSplitsFile() throws Exception {
        Path a = Files.writeString(dir.resolve("a.tsv"), "k1\tv1\n");
        Path b = Files.writeString(dir.resolve("b.tsv"), "k2\tv2\n");
        Split combined = Split.newBuilder().setLength(12).addFiles(whole(a)).addFiles(whole(b)).build();
        List<String> seen = new ArrayList<>();
        try (RecordReader r = RecordReaders.open(InputSpec.newBuilder().setFormat(InputSpec.Format.KEY_VALUE_TEXT).build(), combined)) {
            while (r.next()) {
                seen.add(r.key() + "=" + r.value());
            }
        }
        assertThat(seen).containsExactly("k1=v1", "k2=v2");
        Split plain = whole(a);
        try (RecordReader r = RecordReaders.open(InputSpec.newBuilder().setFormat(InputSpec.Format.TEXT).build(), plain)) {
            assertThat(RecordReaders.inputFile(plain, r).get()).contains(a);
        }
        Split range = Split.newBuilder().setStart(0).setLength(3).build();
        try (RecordReader r = RecordReaders.open(InputSpec.newBuilder().setFormat(InputSpec.Format.RANGE).setRangeCount(3).build(), range)) {
            assertThat(RecordReaders.inputFile(range, r).get()).isEmpty();
        }
    }
}
