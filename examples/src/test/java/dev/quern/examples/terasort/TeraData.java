package dev.quern.examples.terasort;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/** TeraSort records in tests: written, read back from part files, and the plain Java oracles. */
final class TeraData {

    static final int RECORD = TeraRecords.RECORD_BYTES;
    static final int KEY = TeraRecords.KEY_BYTES;

    private TeraData() {}

    /** Rows {@code [from, to)} of the TeraGen data set of {@code seed}. */
    static List<byte[]> rows(long seed, long from, long to) {
        List<byte[]> out = new ArrayList<>();
        for (long i = from; i < to; i++) {
            byte[] rec = new byte[RECORD];
            TeraRecords.row(seed, i, rec);
            out.add(rec);
        }
        return out;
    }

    static Path write(Path file, List<byte[]> records) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, concat(records));
    }

    static byte[] concat(List<byte[]> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        records.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** The records of every file of {@code dir} whose name does not start with '.' or '_', in path order. */
    static List<byte[]> read(Path dir) throws IOException {
        List<byte[]> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> !p.getFileName().toString().startsWith("_")).sorted().toList()) {
                byte[] bytes = Files.readAllBytes(f);
                assertThat(bytes.length % RECORD).as("%s holds whole records", f).isZero();
                for (int at = 0; at < bytes.length; at += RECORD) {
                    out.add(Arrays.copyOfRange(bytes, at, at + RECORD));
                }
            }
        }
        return out;
    }

    /** The oracle of the sort: a stable sort by the 10-byte key as unsigned bytes. */
    static List<byte[]> sorted(List<byte[]> records) {
        List<byte[]> copy = new ArrayList<>(records);
        copy.sort((a, b) -> Arrays.compareUnsigned(a, 0, KEY, b, 0, KEY)); // List.sort is stable
        return copy;
    }

    /** The sum of the CRC32s of the records, as teravalidate prints it. */
    static String checksum(List<byte[]> records) {
        long sum = 0;
        CRC32 crc = new CRC32();
        for (byte[] r : records) {
            crc.reset();
            crc.update(r);
            sum += crc.getValue();
        }
        return String.format("%016x", sum);
    }

    /** The indexes of the records whose key is below the one before. */
    static List<Long> descents(List<byte[]> records) {
        List<Long> out = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            if (Arrays.compareUnsigned(records.get(i - 1), 0, KEY, records.get(i), 0, KEY) > 0) {
                out.add((long) i);
            }
        }
        return out;
    }

    /** A record with the given key byte repeated, and a value naming its row. */
    static byte[] record(int keyByte, long row) {
        byte[] rec = new byte[RECORD];
        Arrays.fill(rec, 0, KEY, (byte) keyByte);
        byte[] id = String.format("row %020d", row).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(id, 0, rec, KEY, id.length);
        return rec;
    }
}
