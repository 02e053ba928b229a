package dev.quern.executor.map.input;

import static java.nio.file.StandardOpenOption.READ;

import dev.quern.proto.Split;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * FIXED_LENGTH input: records of {@code recordBytes} bytes back to back; key = the first
 * {@code keyBytes} bytes, value = the rest (both {@code byte[]}). The coordinator cuts splits on
 * record boundaries, so a split is a whole number of records and this reads exactly its bytes.
 *
 * <p>Reads are large and sequential, into one buffer of whole records (about 1 MiB), so a record
 * never straddles two reads. The only allocations per record are the key and value arrays handed to
 * the mapper, which it may keep.
 */
final class FixedLengthRecordReader implements RecordReader {

    static final int TARGET_BUFFER_BYTES = 1 << 20;

    private final Split split;
    private final int recordBytes;
    private final int keyBytes;
    private final FileChannel channel;
    private final byte[] buffer;
    private final long end;
    private long readOffset; // file offset of the next byte to read into the buffer
    private int limit;
    private int position; // the next record's first byte in the buffer
    private long recordOffset = -1; // file offset of the current record
    private byte[] key;
    private byte[] value;

    FixedLengthRecordReader(Split split, int recordBytes, int keyBytes) throws IOException {
        this(split, recordBytes, keyBytes, TARGET_BUFFER_BYTES);
    }

    /** Tests pass a small buffer so that a split takes many reads. */
    FixedLengthRecordReader(Split split, int recordBytes, int keyBytes, int targetBufferBytes) throws IOException {
        if (recordBytes < 1 || keyBytes < 0 || keyBytes > recordBytes) {
            throw new IllegalArgumentException("fixed-length records need recordBytes >= 1 and 0 <= keyBytes <= recordBytes, got "
                    + recordBytes + " and " + keyBytes);
        }
        if (split.getStart() < 0 || split.getLength() < 0 || split.getStart() % recordBytes != 0 || split.getLength() % recordBytes != 0) {
            throw new IllegalArgumentException("input split " + describe(split) + " is not made of whole " + recordBytes + "-byte records");
        }
        this.split = split;
        this.recordBytes = recordBytes;
        this.keyBytes = keyBytes;
        this.end = split.getStart() + split.getLength();
        this.readOffset = split.getStart();
        long records = Math.max(1, Math.min(targetBufferBytes / recordBytes, split.getLength() / recordBytes));
        this.buffer = new byte[(int) Math.min(Integer.MAX_VALUE - 8, records * recordBytes)];
        try {
            this.channel = FileChannel.open(Path.of(split.getPath()), READ);
        } catch (IOException e) {
            throw new IOException("input split " + describe(split) + " is unreadable: " + e, e);
        }
        try {
            if (end > channel.size()) {
                throw new EOFException("input split " + describe(split) + " runs past the end of the file, which has "
                        + channel.size() + " bytes");
            }
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public boolean next() throws IOException {
        if (position == limit) {
            if (readOffset == end) {
                return false;
            }
            fill();
        }
        recordOffset = readOffset - limit + position;
        key = Arrays.copyOfRange(buffer, position, position + keyBytes);
        value = Arrays.copyOfRange(buffer, position + keyBytes, position + recordBytes);
        position += recordBytes;
        return true;
    }

    @Override public Object key() { return key; }
    @Override public Object value() { return value; }

    @Override
    public long bytesRead() {
        return readOffset - limit + position - split.getStart();
    }

    @Override
    public float progress() {
        return split.getLength() == 0 ? 1f : (float) bytesRead() / split.getLength();
    }

    @Override
    public String where() {
        return "the record at " + split.getPath() + ":" + recordOffset;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Reads the next buffer of whole records (a multiple of recordBytes, as the split is). */
    private void fill() throws IOException {
        int want = (int) Math.min(buffer.length, end - readOffset);
        ByteBuffer target = ByteBuffer.wrap(buffer, 0, want);
        while (target.hasRemaining()) {
            int n = channel.read(target, readOffset + target.position());
            if (n < 0) {
                throw new EOFException("input split " + describe(split) + " ended early at offset "
                        + (readOffset + target.position()) + ": the file shrank while being read");
            }
        }
        readOffset += want;
        limit = want;
        position = 0;
    }

    private static String describe(Split split) {
        return split.getPath() + "@" + split.getStart() + "+" + split.getLength();
    }
}
