package dev.quern.executor.reduce.run;

import dev.quern.executor.merge.RecordStream;
import dev.quern.executor.spill.RecordInput;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a run file (see the package doc) through a 64 KiB buffer; key and value live in reused arrays. */
final class RunFileReader implements RecordStream {

    private final RecordInput in;
    private byte[] key = new byte[64];
    private byte[] value = new byte[64];
    private int keyLength;
    private int valueLength;
    private int origin;

    private RunFileReader(InputStream in, Path file, long length) {
        this.in = new RecordInput(in, "run file " + file, length);
    }

    static RunFileReader open(Path file, long length) throws IOException {
        return new RunFileReader(new BufferedInputStream(Files.newInputStream(file), 1 << 16), file, length);
    }

    @Override
    public boolean next() throws IOException {
        if (in.remaining() <= 0) {
            return false;
        }
        int o = in.readVarint();
        int kl = in.readVarint();
        int vl = in.readVarint();
        if (o < 0 || kl < 0 || vl < 0 || (long) kl + vl > in.remaining()) {
            throw in.corruptHeader("origin " + o + ", key " + kl + " value " + vl + " bytes");
        }
        origin = o;
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
    @Override public int origin() { return origin; }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
