package dev.quern.executor.spill;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Writes a partitioned map output file (see the package doc): partitions in increasing order, records
 * in key order within each. The data goes to a temporary name; {@link #commit} renames it and writes
 * the index, so the final names only ever hold whole files.
 */
public final class SegmentWriter implements AutoCloseable {

    private final Path dataPath;
    private final Path indexPath;
    private final Path tempPath;
    private final OutputStream out;
    private final int partitions;
    private final List<IndexFile.Entry> entries = new ArrayList<>();
    private final CRC32C crc = new CRC32C();
    private final byte[] header = new byte[10];
    private long position;
    private long segmentStart;
    private long segmentRecords;
    private long totalRecords;
    private int current = -1;
    private boolean done;

    public SegmentWriter(Path dir, String name, int partitions) throws IOException {
        this.dataPath = MapOutput.dataPath(dir, name);
        this.indexPath = MapOutput.indexPath(dir, name);
        this.tempPath = dataPath.resolveSibling(dataPath.getFileName() + ".tmp");
        this.partitions = partitions;
        this.out = new BufferedOutputStream(Files.newOutputStream(tempPath), 1 << 16);
    }

    /** Starts the segment of {@code partition}; partitions skipped on the way get empty segments. */
    public void startPartition(int partition) {
        if (partition <= current || partition >= partitions) {
            throw new IllegalArgumentException("partition " + partition + " after " + current + " of " + partitions);
        }
        while (current < partition) {
            endSegment();
            current++;
        }
    }

    public void append(byte[] key, int keyOffset, int keyLength, byte[] value, int valueOffset, int valueLength)
            throws IOException {
        int n = Varints.write(header, 0, keyLength);
        n = Varints.write(header, n, valueLength);
        out.write(header, 0, n);
        out.write(key, keyOffset, keyLength);
        out.write(value, valueOffset, valueLength);
        crc.update(header, 0, n);
        crc.update(key, keyOffset, keyLength);
        crc.update(value, valueOffset, valueLength);
        position += n + keyLength + valueLength;
        segmentRecords++;
        totalRecords++;
    }

    public long bytesWritten() { return position; }
    public long records() { return totalRecords; }

    private void endSegment() {
        if (current >= 0) {
            entries.add(new IndexFile.Entry(segmentStart, position - segmentStart, segmentRecords, (int) crc.getValue()));
        }
        crc.reset();
        segmentStart = position;
        segmentRecords = 0;
    }

    /** Ends the last segment, renames the data file into place and writes the index. */
    public MapOutput commit() throws IOException {
        while (current < partitions - 1) {
            endSegment();
            current++;
        }
        endSegment();
        done = true;
        out.close();
        Files.move(tempPath, dataPath, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        IndexFile index = new IndexFile(entries);
        index.write(indexPath);
        return new MapOutput(dataPath, indexPath, index);
    }

    /** Abandons an uncommitted file: closes and deletes the temporary data. */
    @Override
    public void close() throws IOException {
        if (!done) {
            done = true;
            try {
                out.close();
            } finally {
                Files.deleteIfExists(tempPath);
            }
        }
    }
}
