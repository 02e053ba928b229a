package dev.quern.executor.spill;

import dev.quern.executor.merge.RecordStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads the records of one segment: {@code length} bytes from an offset of a file. The key and value
 * of the current record live in reused arrays.
 */
public final class SegmentReader implements RecordStream {

    private final RecordInput in;
    private byte[] key = new byte[64];
    private byte[] value = new byte[64];
    private int keyLength;
    private int valueLength;

    private SegmentReader(InputStream in, long length, String source) {
        this.in = new RecordInput(in, "segment " + source, length);
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
        if (in.remaining() <= 0) {
            return false;
        }
        int kl = in.readVarint();
        int vl = in.readVarint();
        if (kl < 0 || vl < 0 || (long) kl + vl > in.remaining()) {
            throw in.corruptHeader("key " + kl + " value " + vl + " bytes");
        }
        key = in.fill(key, kl);
        keyLength = kl;
        value = in.fill(value, vl);
        valueLength = vl;
        return true;
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
