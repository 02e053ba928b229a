package dev.quern.executor.map.input;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.StandardOpenOption.READ;
import static java.util.Objects.requireNonNull;

import dev.quern.proto.Split;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Reads the lines of one line-aligned split {@code [start, start + length)} of a text file.
 *
 * <p>The coordinator aligns splits to line starts (see {@code dev.quern.coordinator.split}), so this
 * reads exactly the split's bytes and nothing around them. A line ends at {@code '\n'}; the
 * {@code '\n'} and a {@code '\r'} right before it are not part of the line, a lone {@code '\r'} is.
 * The last line of the split is returned even if no {@code '\n'} ends it.
 *
 * <p>Reads are large and sequential into one buffer that grows only for a line longer than it; the
 * only allocation per line is the {@code String} made by {@link #line()}. Raw access through
 * {@link #buffer()}, {@link #lineStart()} and {@link #lineLength()} avoids even that.
 *
 * <pre>{@code
 * try (LineReader lines = LineReader.open(split)) {
 *     while (lines.next()) {
 *         mapper.map(lines.offset(), lines.line(), context);
 *     }
 * }
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class LineReader implements AutoCloseable {

    static final int DEFAULT_BUFFER_SIZE = 1 << 20;
    // The largest array most JVMs allocate; a longer line cannot be held.
    private static final int MAX_BUFFER_SIZE = Integer.MAX_VALUE - 8;

    private final String name; // "path@start+length", for messages
    private final long start;
    private final long end;
    private final FileChannel channel;

    private byte[] buffer;
    private long bufferOffset; // file offset of buffer[0]
    private int limit; // buffer[0, limit) holds file bytes
    private int position; // first byte in the buffer not yet returned in a line
    private long readOffset; // file offset of the next byte to read into the buffer

    private boolean hasLine;
    private int lineStart;
    private int lineLength;

    private LineReader(Path file, long start, long length, int bufferSize, FileChannel channel) {
        this.name = describe(file, start, length);
        this.start = start;
        this.end = start + length;
        this.channel = channel;
        // A small split needs no megabyte: all of it fits in length bytes. At least one byte, so that
        // the buffer can double.
        this.buffer = new byte[(int) Math.max(1, Math.min(bufferSize, length))];
        this.bufferOffset = start;
        this.readOffset = start;
    }

    /** Opens the split {@code [start, start + length)} of {@code file}. */
    public static LineReader open(Path file, long start, long length) throws IOException {
        return open(file, start, length, DEFAULT_BUFFER_SIZE);
    }

    /** Opens the split's range of its file. */
    public static LineReader open(Split split) throws IOException {
        requireNonNull(split, "split is null");
        return open(Path.of(split.getPath()), split.getStart(), split.getLength());
    }

    /** Tests pass a tiny buffer so that lines cross reads and make the buffer grow. */
    static LineReader open(Path file, long start, long length, int bufferSize) throws IOException {
        requireNonNull(file, "file is null");
        if (start < 0 || length < 0 || start > Long.MAX_VALUE - length) {
            throw new IllegalArgumentException(
                    "input split " + describe(file, start, length) + " is not a valid range");
        }
        if (bufferSize < 1) {
            throw new IllegalArgumentException("buffer size must be positive, was " + bufferSize);
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(file, READ);
        } catch (IOException e) {
            throw new IOException("input split " + describe(file, start, length) + " is unreadable: " + e, e);
        }
        try {
            long size = channel.size();
            if (start + length > size) {
                throw new EOFException("input split " + describe(file, start, length)
                        + " runs past the end of the file, which has " + size + " bytes");
            }
            return new LineReader(file, start, length, bufferSize, channel);
        } catch (IOException | RuntimeException e) {
            try {
                channel.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Advances to the next line; false when the split has no more lines. */
    public boolean next() throws IOException {
        int scan = position; // bytes before scan are known not to be '\n'
        while (true) {
            for (int i = scan; i < limit; i++) {
                if (buffer[i] == '\n') {
                    int length = i - position;
                    setLine(length > 0 && buffer[i - 1] == '\r' ? length - 1 : length, i + 1);
                    return true;
                }
            }
            if (readOffset == end) {
                if (position == limit) {
                    hasLine = false;
                    return false;
                }
                setLine(limit - position, limit); // a last line without '\n'; a '\r' in it stays
                return true;
            }
            scan = limit - position; // where the scan resumes once fill() has moved the bytes to 0
            fill();
        }
    }

    /** The byte offset in the file of the current line's first byte. */
    public long offset() {
        requireLine();
        return bufferOffset + lineStart;
    }

    /** The current line decoded as UTF-8, malformed bytes replaced by U+FFFD. */
    public String line() {
        requireLine();
        return new String(buffer, lineStart, lineLength, UTF_8);
    }

    /** The array holding the current line's bytes; valid until the next call to {@link #next()}. */
    public byte[] buffer() {
        requireLine();
        return buffer;
    }

    /** Where the current line starts in {@link #buffer()}. */
    public int lineStart() {
        requireLine();
        return lineStart;
    }

    /** The current line's length in bytes, without its line end. */
    public int lineLength() {
        requireLine();
        return lineLength;
    }

    /**
     * The bytes of the split consumed so far: up to and including the current line's line end. It
     * only grows, and equals the split's length once {@link #next()} has returned false.
     */
    public long bytesRead() {
        return bufferOffset + position - start;
    }

    @Override
    public void close() throws IOException {
        channel.close(); // idempotent
    }

    private void setLine(int length, int nextPosition) {
        hasLine = true;
        lineStart = position;
        lineLength = length;
        position = nextPosition;
    }

    private void requireLine() {
        if (!hasLine) {
            throw new IllegalStateException("no current line in input split " + name
                    + ": use the line only after next() returned true");
        }
    }

    /** Reads more of the split. Makes room first by dropping consumed bytes, growing only if that is not enough. */
    private void fill() throws IOException {
        int unconsumed = limit - position;
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, unconsumed);
            bufferOffset += position;
            limit = unconsumed;
            position = 0;
        }
        if (limit == buffer.length) {
            grow();
        }
        int want = (int) Math.min(buffer.length - limit, end - readOffset);
        ByteBuffer target = ByteBuffer.wrap(buffer, limit, want);
        while (target.hasRemaining()) {
            int n = channel.read(target, readOffset);
            if (n < 0) {
                throw new EOFException("input split " + name
                        + " ended early at offset " + readOffset + ": the file shrank while being read");
            }
            readOffset += n;
        }
        limit += want;
    }

    private void grow() throws IOException {
        if (buffer.length == MAX_BUFFER_SIZE) {
            throw new IOException("input split " + name
                    + ": the line at offset " + bufferOffset + " is longer than " + MAX_BUFFER_SIZE + " bytes");
        }
        long wanted = Math.min(end - bufferOffset, 2L * buffer.length);
        byte[] bigger = new byte[(int) Math.min(MAX_BUFFER_SIZE, wanted)];
        System.arraycopy(buffer, 0, bigger, 0, limit);
        buffer = bigger;
    }

    private static String describe(Path file, long start, long length) {
        return file + "@" + start + "+" + length;
    }
}
