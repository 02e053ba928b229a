package dev.quern.executor.spill;

import dev.quern.executor.merge.RecordStream;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads the records of one segment: {@code length} bytes from an offset of a file. The key and value
 * of the current record live in reused arrays.
 */
public final class SegmentReader implements RecordStream {

    private final InputStream in;
    private final String source;
    private long remaining;
    private byte[] key = new byte[64];
    private byte[] value = new byte[64];
    private int keyLength;
    private int valueLength;

    private SegmentReader(InputStream in, long length, String source) {
        this.in = in;
        this.remaining = length;
        this.source = source;
    }

    public static SegmentReader open(Path file, long offset, long length) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            channel.position(offset);
            InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
            return new SegmentReader(in, length, file + "@" + offset + "+" + length);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public boolean next() throws IOException {
        if (remaining <= 0) {
            return false;
        }
        int kl = readVarint();
        int vl = readVarint();
        if (kl < 0 || vl < 0 || (long) kl + vl > remaining) {
            throw new IOException("corrupt record header in segment " + source + ": key " + kl + " value " + vl
                    + " bytes with " + remaining + " left");
        }
        key = fill(key, kl);
        keyLength = kl;
        value = fill(value, vl);
        valueLength = vl;
        return true;
    }

    private byte[] fill(byte[] buf, int n) throws IOException {
        if (buf.length < n) {
            buf = Arrays.copyOf(buf, Math.max(n, buf.length * 2));
        }
        if (in.readNBytes(buf, 0, n) != n) {
            throw new EOFException("segment " + source + " ends inside a record");
        }
        remaining -= n;
        return buf;
    }

    private int readVarint() throws IOException {
        int result = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("segment " + source + " ends inside a record header");
            }
            remaining--;
            result |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new IOException("corrupt varint in segment " + source);
    }

    @Override public byte[] keyBuffer() { return key; }
    @Override public int keyOffset() { return 0; }
    @Override public int keyLength() { return keyLength; }
    @Override public byte[] valueBuffer() { return value; }
    @Override public int valueOffset() { return 0; }
    @Override public int valueLength() { return valueLength; }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
