package dev.quern.cli;

import dev.quern.io.FileTrees;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A standalone executor's hold on its work directory: an OS lock on {@code DIR/executor.lock} for the
 * life of the process (the kernel drops it when the process dies, even by SIGKILL), so two executors
 * never share one directory.
 */
final class WorkDirLock implements AutoCloseable {

    private final Path dir;
    private final boolean temporary;
    private final FileChannel channel;
    private final FileLock lock;
    private final AtomicBoolean closed = new AtomicBoolean();

    private WorkDirLock(Path dir, boolean temporary, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.temporary = temporary;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dir} (created if missing), or a new temporary directory that {@link #close()}
     * deletes. Job files an earlier run left behind are deleted: they belonged to a member that is
     * gone, which no coordinator will ask for again, and nothing else would ever delete them.
     */
    static WorkDirLock acquire(Optional<Path> dir) throws IOException {
        Path path = dir.isPresent() ? Files.createDirectories(dir.get()) : Files.createTempDirectory("quern-executor-");
        Path lockFile = path.resolve("executor.lock");
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very JVM
        }
        if (lock == null) {
            channel.close();
            throw new IOException("work dir " + path.toAbsolutePath() + " is in use by another executor (" + lockFile + " is locked)");
        }
        FileTrees.delete(path.resolve("jobs"));
        return new WorkDirLock(path, dir.isEmpty(), channel, lock);
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        lock.release();
        channel.close();
        if (temporary) {
            FileTrees.delete(dir);
        }
    }
}
