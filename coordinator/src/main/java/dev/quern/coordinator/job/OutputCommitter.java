package dev.quern.coordinator.job;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Makes a job's output visible all at once, or not at all. Reduce attempts write
 * {@code OUT/_temporary/JOB/ATTEMPT/part-r-NNNNN}; on success every winning part file is renamed
 * to {@code OUT/part-r-NNNNN}, then {@code OUT/_SUCCESS} is created, then {@code _temporary} goes.
 * Readers wait for {@code _SUCCESS}. On failure only {@code _temporary} is removed, and OUT itself
 * when it is then empty (the job created it).
 */
final class OutputCommitter {

    static final String SUCCESS = "_SUCCESS";

    private OutputCommitter() {}

    static void commit(JobRun job) throws IOException {
        for (TaskState reduce : job.reduces) {
            Path part = Path.of(reduce.partFile);
            Files.move(part, job.output.resolve(part.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        }
        Files.createFile(job.output.resolve(SUCCESS));
        deleteTemporary(job);
    }

    static void abort(JobRun job) throws IOException {
        deleteTemporary(job);
        try {
            Files.deleteIfExists(job.output);
        } catch (DirectoryNotEmptyException e) {
            // Something else is in OUT: it is not ours to delete.
        }
    }

    private static void deleteTemporary(JobRun job) throws IOException {
        delete(job.tempDir);
        try {
            Files.deleteIfExists(job.tempDir.getParent());
        } catch (DirectoryNotEmptyException e) {
            // Another job's temporary output (a rerun into the same OUT is refused, so this is rare).
        }
    }

    private static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
