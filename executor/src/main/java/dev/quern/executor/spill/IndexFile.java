package dev.quern.executor.spill;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/** The index of a map output file: where each partition's segment is, its record count and CRC32C. */
public final class IndexFile {

    /** One partition's segment in the data file. */
    public record Entry(long offset, long length, long records, int crc32c) {}

    private static final int MAGIC = 0x514d4f49; // "QMOI"
    private static final int VERSION = 1;

    private final List<Entry> entries;

    public IndexFile(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public int partitions() {
        return entries.size();
    }

    public Entry entry(int partition) {
        return entries.get(partition);
    }

    public List<Entry> entries() {
        return entries;
    }

    public long totalRecords() {
        return entries.stream().mapToLong(Entry::records).sum();
    }

    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(12 + entries.size() * 28 + 4);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(entries.size());
            for (Entry e : entries) {
                out.writeLong(e.offset());
                out.writeLong(e.length());
                out.writeLong(e.records());
                out.writeInt(e.crc32c());
            }
            CRC32C crc = new CRC32C();
            crc.update(bytes.toByteArray());
            out.writeInt((int) crc.getValue());
        } catch (IOException e) {
            throw new IllegalStateException("in-memory write failed", e);
        }
        return bytes.toByteArray();
    }

    /** Writes the index to a temporary file beside {@code path}, then renames it into place. */
    public void write(Path path) throws IOException {
        Path temp = path.resolveSibling(path.getFileName() + ".tmp");
        Files.write(temp, toBytes());
        Files.move(temp, path, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public static IndexFile read(Path path) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        if (bytes.length < 16) {
            throw new IOException("map output index " + path + " is truncated: " + bytes.length + " bytes");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
            if (in.readInt() != MAGIC) {
                throw new IOException("map output index " + path + " has a bad magic number");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException("map output index " + path + " has unknown version " + version);
            }
            int partitions = in.readInt();
            if (partitions < 0 || bytes.length != 12 + partitions * 28L + 4) {
                throw new IOException("map output index " + path + " has " + bytes.length
                        + " bytes, which does not fit " + partitions + " partitions");
            }
            List<Entry> entries = new ArrayList<>(partitions);
            for (int i = 0; i < partitions; i++) {
                entries.add(new Entry(in.readLong(), in.readLong(), in.readLong(), in.readInt()));
            }
            if (in.readInt() != (int) crc.getValue()) {
                throw new IOException("map output index " + path + " fails its CRC32C check");
            }
            return new IndexFile(entries);
        }
    }
}
