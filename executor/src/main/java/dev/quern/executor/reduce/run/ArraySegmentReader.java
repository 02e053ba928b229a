package dev.quern.executor.reduce.run;

import dev.quern.executor.merge.RecordStream;
import java.io.IOException;

/**
 * Reads a segment held in a byte array (the map output record format). Keys and values are not
 * copied: the current record's key and value are ranges of the array itself.
 */
final class ArraySegmentReader implements RecordStream {

    private final byte[] bytes;
    private final int origin;
    private int pos;
    private int keyOffset;
    private int keyLength;
    private int valueOffset;
    private int valueLength;

    ArraySegmentReader(byte[] bytes, int origin) {
        this.bytes = bytes;
        this.origin = origin;
    }

    @Override
    public boolean next() throws IOException {
        if (pos >= bytes.length) {
            return false;
        }
        int kl = readVarint();
        int vl = readVarint();
        if (kl < 0 || vl < 0 || (long) kl + vl > bytes.length - pos) {
            throw new IOException("corrupt record header at byte " + pos + " of the in-memory segment of map " + origin
                    + ": key " + kl + " value " + vl + " bytes with " + (bytes.length - pos) + " left");
        }
        keyOffset = pos;
        keyLength = kl;
        valueOffset = pos + kl;
        valueLength = vl;
        pos = valueOffset + vl;
        return true;
    }

    private int readVarint() throws IOException {
        int result = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (pos >= bytes.length) {
                throw new IOException("the in-memory segment of map " + origin + " ends inside a record header");
            }
            int b = bytes[pos++];
            result |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new IOException("corrupt varint in the in-memory segment of map " + origin);
    }

    @Override public byte[] keyBuffer() { return bytes; }
    @Override public int keyOffset() { return keyOffset; }
    @Override public int keyLength() { return keyLength; }
    @Override public byte[] valueBuffer() { return bytes; }
    @Override public int valueOffset() { return valueOffset; }
    @Override public int valueLength() { return valueLength; }
    @Override public int origin() { return origin; }

    @Override
    public void close() {}
}
