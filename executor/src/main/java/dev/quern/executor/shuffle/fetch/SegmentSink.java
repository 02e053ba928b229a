package dev.quern.executor.shuffle.fetch;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where the body of one fetch goes: opened when the response header announces the length, written
 * chunk by chunk (with a CRC32C along the way), then committed into the fetch's result once whole
 * and checked, or discarded. A file ({@link SegmentFile}) or a byte array ({@link MemorySink}).
 *
 * <p>Not thread-safe: used by one fetch on its event loop.
 *
 * @param <T> what a committed sink gives the caller
 */
interface SegmentSink<T> {

    /** Appends the buffers' remaining bytes (consuming them) and adds them to the checksum. */
    void write(ByteBuffer[] buffers) throws IOException;

    long written();

    /** Ends the writes; returns the CRC32C of everything written, in the wire's signed int form. */
    int finish() throws IOException;

    /** Makes the checked segment the result: a file gets its final name. */
    T commit(long records) throws IOException;

    /** Drops what was written, also after a commit whose result nobody will take (a cancelled fetch). */
    void discard() throws IOException;

    /** Opens the sink of one fetch once the header says how long the body is. */
    interface Opener<T> {

        SegmentSink<T> open(long length) throws IOException;

        /** For error messages: where the segment was going. */
        String describe();
    }
}
