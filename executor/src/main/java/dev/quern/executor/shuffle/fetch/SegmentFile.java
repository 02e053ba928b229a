package dev.quern.executor.shuffle.fetch;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The file a segment is fetched into: written under a unique temporary name beside the target,
 * checksummed on the way, and renamed to the target only once whole and checked. A file with the
 * target's name is therefore always a complete, verified segment (the rule the spill files follow).
 *
 * <p>Not thread-safe: used by one fetch on its event loop.
 */
final class SegmentFile implements SegmentSink<FetchedSegment> {

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final CRC32C crc = new CRC32C();
    private long written;
    private boolean committed;

    private SegmentFile(Path target, Path temp, FileChannel channel) {
        this.target = target;
        this.temp = temp;
        this.channel = channel;
    }

    /** Opens fetches into {@code target}. */
    static Opener<FetchedSegment> opener(Path target) {
        requireNonNull(target, "target is null");
        return new Opener<>() {
            @Override
            public SegmentSink<FetchedSegment> open(long length) throws IOException {
                return create(target);
            }

            @Override
            public String describe() {
                return target.toString();
            }
        };
    }

    /** Creates the temporary file; a unique name lets two fetches of one target not clobber each other. */
    static SegmentFile create(Path target) throws IOException {
        Path absolute = requireNonNull(target, "target is null").toAbsolutePath();
        Path temp = Files.createTempFile(absolute.getParent(), absolute.getFileName() + ".", ".fetching");
        try {
            return new SegmentFile(absolute, temp, FileChannel.open(temp, StandardOpenOption.WRITE));
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    @Override
    public void write(ByteBuffer[] buffers) throws IOException {
        long length = 0;
        for (ByteBuffer buffer : buffers) {
            crc.update(buffer.duplicate()); // the duplicate keeps the position for the write below
            length += buffer.remaining();
        }
        for (long left = length; left > 0; ) {
            left -= channel.write(buffers);
        }
        written += length;
    }

    @Override
    public long written() {
        return written;
    }

    @Override
    public int finish() throws IOException {
        channel.close();
        return (int) crc.getValue();
    }

    /** Renames the finished file to the target, replacing any earlier copy of the same segment. */
    @Override
    public FetchedSegment commit(long records) throws IOException {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        committed = true;
        return new FetchedSegment(target, written, records);
    }

    /** Closes and deletes the temporary file, or the target once committed. */
    @Override
    public void discard() throws IOException {
        try {
            channel.close();
        } finally {
            Files.deleteIfExists(committed ? target : temp);
        }
    }
}
