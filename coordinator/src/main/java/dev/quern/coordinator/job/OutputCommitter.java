package dev.quern.coordinator.job;

import dev.quern.io.FileTrees;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Makes a job's output visible all at once, or not at all. Reduce attempts write
 * {@code OUT/_temporary/JOB/ATTEMPT/part-r-NNNNN} (the map attempts of a map-only job
 * {@code part-m-NNNNN}); the winner's is committed to {@code OUT/_temporary/JOB/committed/}
 * ({@link TaskCommitter}). On success every committed part file is renamed into OUT under its own
 * name, then {@code OUT/_SUCCESS} is created, then {@code _temporary} goes. A leader that died half
 * way through leaves some part files moved: the next one moves the rest, so the commit can be redone.
 * Readers wait for {@code _SUCCESS}. On failure only {@code _temporary} is removed, and OUT itself
 * when it is then empty (the job created it).
 */
final class OutputCommitter {

    static final String SUCCESS = "_SUCCESS";

    private OutputCommitter() {}

    static void commit(JobRun job) throws IOException {
        for (TaskState task : job.outputTasks()) {
            Path part = Path.of(task.partFile);
            Path target = job.output.resolve(part.getFileName());
            if (Files.exists(part) || !Files.exists(target)) { // else moved by a leader that died before _SUCCESS
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        if (!Files.exists(job.output.resolve(SUCCESS))) {
            Files.createFile(job.output.resolve(SUCCESS));
        }
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
        for (int tries = 1; ; tries++) {
            try {
                FileTrees.delete(job.tempDir);
                break;
            } catch (DirectoryNotEmptyException e) {
                if (tries == 3) {
                    throw e; // an attempt of the ended job is still writing there
                }
            }
        }
        try {
            Files.deleteIfExists(job.tempDir.getParent());
        } catch (DirectoryNotEmptyException e) {
            // Another job's temporary output (a rerun into the same OUT is refused, so this is rare).
        }
    }
}
