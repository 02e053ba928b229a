package dev.quern.executor.shuffle.fetch;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Fetches a segment into a byte array the caller sized from the map's index (and counted against its
 * shuffle memory). The server's header must announce exactly that length.
 *
 * <p>Not thread-safe: used by one fetch on its event loop.
 */
final class MemorySink implements SegmentSink<InMemorySegment> {

    private final byte[] bytes;
    private final CRC32C crc = new CRC32C();
    private int written;

    private MemorySink(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Opens fetches into {@code buffer}, whose length is the segment length the caller expects. */
    static Opener<InMemorySegment> opener(byte[] buffer) {
        requireNonNull(buffer, "buffer is null");
        return new Opener<>() {
            @Override
            public SegmentSink<InMemorySegment> open(long length) throws IOException {
                if (length != buffer.length) {
                    throw new IOException("the server announced " + length + " bytes, the map reported "
                            + buffer.length + " for this partition");
                }
                return new MemorySink(buffer);
            }

            @Override
            public String describe() {
                return "memory (" + buffer.length + " bytes)";
            }
        };
    }

    @Override
    public void write(ByteBuffer[] buffers) throws IOException {
        for (ByteBuffer buffer : buffers) {
            int n = buffer.remaining();
            if (n > bytes.length - written) {
                // The decoder never passes more than the announced length; this guards the array.
                throw new IOException("segment body longer than the announced " + bytes.length + " bytes");
            }
            crc.update(buffer.duplicate());
            buffer.get(bytes, written, n);
            written += n;
        }
    }

    @Override
    public long written() {
        return written;
    }

    @Override
    public int finish() {
        return (int) crc.getValue();
    }

    @Override
    public InMemorySegment commit(long records) {
        return new InMemorySegment(bytes, records);
    }

    @Override
    public void discard() {
        // Nothing outside the heap: the caller drops the array.
    }
}
