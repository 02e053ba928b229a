package dev.quern.executor.reduce.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.executor.merge.RecordStream;
import dev.quern.executor.shuffle.fetch.InMemorySegment;
import dev.quern.executor.spill.Varints;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run file keeps every record's origin; an in-memory segment reads as the map output format says. */
class RunFileTest {

    @TempDir
    Path dir;

    private record Rec(int origin, String key, String value) {}

    @Test
    void aRunFileGivesBackEveryRecordWithItsOrigin() throws Exception {
        Random random = new Random(5);
        List<Rec> records = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            // Origins and lengths past one varint byte; an empty key and value now and then.
            records.add(new Rec(random.nextInt(100_000), "k".repeat(random.nextInt(200)), "v".repeat(random.nextInt(300))));
        }
        MergedRun run = RunFileWriter.writeAll(new ListStream(records), dir.resolve("r.run"));

        assertThat(run.records()).isEqualTo(records.size());
        assertThat(run.length()).isEqualTo(Files.size(run.file()));
        assertThat(read(run.open())).isEqualTo(records);
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactly("r.run");
        run.delete();
        assertThat(run.file()).doesNotExist();
    }

    @Test
    void anInMemorySegmentReadsWithItsMapIndexAsOrigin() throws Exception {
        List<Rec> records = List.of(new Rec(7, "a", "1"), new Rec(7, "b", "x".repeat(300)), new Rec(7, "", ""));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] header = new byte[10];
        for (Rec r : records) {
            int n = Varints.write(header, 0, r.key().length());
            n = Varints.write(header, n, r.value().length());
            bytes.write(header, 0, n);
            bytes.writeBytes(r.key().getBytes(StandardCharsets.UTF_8));
            bytes.writeBytes(r.value().getBytes(StandardCharsets.UTF_8));
        }
        MemoryRun run = new MemoryRun(7, new InMemorySegment(bytes.toByteArray(), 3));
        assertThat(read(run.open())).isEqualTo(records);
    }

    private static List<Rec> read(RecordStream in) throws Exception {
        List<Rec> out = new ArrayList<>();
        try (in) {
            while (in.next()) {
                out.add(new Rec(in.origin(), new String(in.keyBuffer(), in.keyOffset(), in.keyLength(), StandardCharsets.UTF_8),
                        new String(in.valueBuffer(), in.valueOffset(), in.valueLength(), StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    /** Records from a list, as a merge would hand them to the writer. */
    private static final class ListStream implements RecordStream {
        private final List<Rec> records;
        private int i = -1;
        private byte[] key;
        private byte[] value;

        ListStream(List<Rec> records) {
            this.records = records;
        }

        @Override
        public boolean next() {
            if (++i >= records.size()) {
                return false;
            }
            key = records.get(i).key().getBytes(StandardCharsets.UTF_8);
            value = records.get(i).value().getBytes(StandardCharsets.UTF_8);
            return true;
        }

        @Override public byte[] keyBuffer() { return key; }
        @Override public int keyOffset() { return 0; }
        @Override public int keyLength() { return key.length; }
        @Override public byte[] valueBuffer() { return value; }
        @Override public int valueOffset() { return 0; }
        @Override public int valueLength() { return value.length; }
        @Override public int origin() { return records.get(i).origin(); }
        @Override public void close() {}
    }
}
