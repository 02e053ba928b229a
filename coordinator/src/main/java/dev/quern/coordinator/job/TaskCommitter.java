package dev.quern.coordinator.job;

import dev.quern.io.FileTrees;
import dev.quern.job.TaskIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Task commit: the winning attempt's part file moves from {@code OUT/_temporary/JOB/ATTEMPT/} to
 * {@code OUT/_temporary/JOB/committed/} before the leader journals it, so a new leader finds every
 * committed part file in one place, whoever launched it. Still under {@code _temporary}: nothing is
 * visible in OUT before the job commit ({@link OutputCommitter}).
 */
final class TaskCommitter {

    private static final Logger log = LoggerFactory.getLogger(TaskCommitter.class);

    private TaskCommitter() {}

    static Path committedDir(JobRun job) {
        return job.tempDir.resolve("committed");
    }

    /**
     * Commits the part file {@code attemptId} reported; returns where it now is. The first commit
     * wins: when a part file of that name is already committed (by an attempt of a deposed leader
     * whose journal entry never landed), this attempt's file is discarded and the committed one kept.
     */
    static Path commit(JobRun job, String attemptId, String reportedPartFile) throws IOException {
        Path attemptDir = attemptDir(job, attemptId);
        Path part = Path.of(reportedPartFile).normalize();
        if (!attemptDir.equals(part.getParent())) {
            throw new IOException("attempt " + attemptId + " reported part file " + reportedPartFile + ", which is not in " + attemptDir);
        }
        Path committed = Files.createDirectories(committedDir(job)).resolve(part.getFileName());
        if (Files.exists(committed)) {
            log.info("job {}: {} is already committed; the file of attempt {} is discarded", job.jobId, committed.getFileName(), attemptId);
        } else {
            Files.move(part, committed, StandardCopyOption.ATOMIC_MOVE);
        }
        FileTrees.delete(attemptDir);
        return committed;
    }

    /** Deletes what a finished attempt that did not win left in its directory. */
    static void discard(JobRun job, String attemptId) {
        if (!TaskIds.isAttempt(attemptId) || attemptId.contains("/") || attemptId.contains("\\")) {
            return; // off the wire: never a path outside the job's temporary directory
        }
        try {
            FileTrees.delete(attemptDir(job, attemptId));
        } catch (IOException e) {
            log.warn("job {}: cannot delete the output of attempt {}: {}", job.jobId, attemptId, e.toString());
        }
    }

    private static Path attemptDir(JobRun job, String attemptId) {
        return job.tempDir.resolve(attemptId);
    }
}
