package dev.quern.coordinator.split;

import static java.nio.file.StandardOpenOption.READ;
import static java.util.Objects.requireNonNull;

import dev.quern.proto.Split;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a text file into line-aligned splits; see the {@linkplain dev.quern.coordinator.split package}
 * for the rule. Only a few bytes around each nominal boundary are read, never the whole file.
 *
 * <p>Stateless and thread-safe.
 */
public final class TextSplitter {

    private static final int DEFAULT_SCAN_BUFFER = 64 * 1024;

    private final int scanBufferSize;

    public TextSplitter() {
        this(DEFAULT_SCAN_BUFFER);
    }

    /** Tests use a tiny buffer so that a search for a line end spans many reads. */
    TextSplitter(int scanBufferSize) {
        if (scanBufferSize < 1) {
            throw new IllegalArgumentException("scan buffer size must be positive, was " + scanBufferSize);
        }
        this.scanBufferSize = scanBufferSize;
    }

    /**
     * Splits {@code file} at the first line start at or after each multiple of {@code splitSize}.
     *
     * @param inputIndex which {@code InputSpec} of the job the file belongs to, copied into each split
     * @return the splits in file order; they cover the file exactly, none is empty, and an empty file
     *     has none
     * @throws IOException if the file cannot be read; the message names it
     */
    public List<Split> split(Path file, int inputIndex, long splitSize) throws IOException {
        requireNonNull(file, "file is null");
        if (inputIndex < 0) {
            throw new IllegalArgumentException("input index must not be negative, was " + inputIndex);
        }
        if (splitSize < 1) {
            throw new IllegalArgumentException("split size must be positive, was " + splitSize);
        }
        Path absolute = file.toAbsolutePath().normalize();
        try (FileChannel channel = FileChannel.open(absolute, READ)) {
            long size = channel.size();
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(scanBufferSize, Math.max(size, 1)));
            List<Split> splits = new ArrayList<>();
            long start = 0;
            while (start < size) {
                // The smallest multiple of splitSize above start; a line that ran past earlier
                // boundaries already moved them all to start. Written to avoid long overflow.
                long boundary = start - start % splitSize;
                long end = splitSize >= size - boundary
                        ? size
                        : lineStartAtOrAfter(channel, buffer, boundary + splitSize, size);
                splits.add(Split.newBuilder()
                        .setPath(absolute.toString())
                        .setStart(start)
                        .setLength(end - start)
                        .setInputIndex(inputIndex)
                        .build());
                start = end;
            }
            return List.copyOf(splits);
        } catch (IOException e) {
            throw new IOException("cannot split input file " + absolute + ": " + e, e);
        }
    }

    /**
     * The first line start at or after {@code boundary} (0 &lt; boundary &lt; size): just past the
     * first '\n' at index boundary - 1 or later, or {@code size} if there is none. Starting the
     * search one byte early makes a boundary that already is a line start stay where it is.
     */
    private static long lineStartAtOrAfter(FileChannel channel, ByteBuffer buffer, long boundary, long size)
            throws IOException {
        long position = boundary - 1;
        while (position < size) {
            buffer.clear();
            int n = channel.read(buffer, position);
            if (n < 0) {
                break; // the file shrank while we read it; the split runs to the size we saw
            }
            byte[] bytes = buffer.array();
            for (int i = 0; i < n; i++) {
                if (bytes[i] == '\n') {
                    return Math.min(position + i + 1, size);
                }
            }
            position += n;
        }
        return size;
    }
}
