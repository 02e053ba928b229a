package dev.quern.executor.spill;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The bytes of records in the spill format (varint lengths, then the bytes; see the package doc),
 * {@code remaining} of them from a stream: what a segment reader and a run file reader share. Every
 * error names {@code what} (such as {@code segment FILE@OFFSET+LENGTH} or {@code run file FILE}).
 */
public final class RecordInput implements AutoCloseable {

    private final InputStream in;
    private final String what;
    private long remaining;

    public RecordInput(InputStream in, String what, long length) {
        this.in = in;
        this.what = what;
        this.remaining = length;
    }

    public long remaining() { return remaining; }

    /** A varint of a record header. */
    public int readVarint() throws IOException {
        int result = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException(what + " ends inside a record header");
            }
            remaining--;
            result |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new IOException("corrupt varint in " + what);
    }

    /** Reads {@code n} bytes into {@code buf}, or into a bigger copy of it when it is too small; returns the array used. */
    public byte[] fill(byte[] buf, int n) throws IOException {
        if (buf.length < n) {
            buf = Arrays.copyOf(buf, Math.max(n, buf.length * 2));
        }
        if (in.readNBytes(buf, 0, n) != n) {
            throw new EOFException(what + " ends inside a record");
        }
        remaining -= n;
        return buf;
    }

    /** The error for a header whose lengths cannot be right. */
    public IOException corruptHeader(String header) {
        return new IOException("corrupt record header in " + what + ": " + header + " with " + remaining + " left");
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
