package dev.quern.executor.reduce.run;

import dev.quern.executor.merge.RecordStream;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Reads a run file (see the package doc) through a 64 KiB buffer; key and value live in reused arrays. */
final class RunFileReader implements RecordStream {

    private final InputStream in;
    private final Path file;
    private long remaining;
    private byte[] key = new byte[64];
    private byte[] value = new byte[64];
    private int keyLength;
    private int valueLength;
    private int origin;

    private RunFileReader(InputStream in, Path file, long length) {
        this.in = in;
        this.file = file;
        this.remaining = length;
    }

    static RunFileReader open(Path file, long length) throws IOException {
        return new RunFileReader(new BufferedInputStream(Files.newInputStream(file), 1 << 16), file, length);
    }

    @Override
    public boolean next() throws IOException {
        if (remaining <= 0) {
            return false;
        }
        int o = readVarint();
        int kl = readVarint();
        int vl = readVarint();
        if (o < 0 || kl < 0 || vl < 0 || (long) kl + vl > remaining) {
            throw new IOException("corrupt record header in run file " + file + ": origin " + o + ", key " + kl
                    + " value " + vl + " bytes with " + remaining + " left");
        }
        origin = o;
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
            throw new EOFException("run file " + file + " ends inside a record");
        }
        remaining -= n;
        return buf;
    }

    private int readVarint() throws IOException {
        int result = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("run file " + file + " ends inside a record header");
            }
            remaining--;
            result |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new IOException("corrupt varint in run file " + file);
    }

    @Override public byte[] keyBuffer() { return key; }
    @Override public int keyOffset() { return 0; }
    @Override public int keyLength() { return keyLength; }
    @Override public byte[] valueBuffer() { return value; }
    @Override public int valueOffset() { return 0; }
    @Override public int valueLength() { return valueLength; }
    @Override public int origin() { return origin; }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
