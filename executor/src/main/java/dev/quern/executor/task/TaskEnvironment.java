package dev.quern.executor.task;

import dev.quern.executor.map.MapMemoryPool;
import dev.quern.executor.shuffle.fetch.ShuffleFetcher;
import dev.quern.io.FileTrees;
import dev.quern.executor.spill.MapOutputRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What every task of one executor shares: its work directory, its served map outputs, its shuffle
 * fetcher, the class loader user classes come from (the daemon's; an attempt of a job with a job
 * jar gets a copy with the jar's, see {@link #withLoader}) and the map attempts' big memory, kept
 * from one attempt for the next.
 *
 * <p>Work directory layout: {@code WORK/jobs/JOB/ATTEMPT/} holds one attempt's files (spills, the
 * map output, fetched segments); a job's directory is deleted when the job ends.
 */
public record TaskEnvironment(Path workDir, MapOutputRegistry registry, ShuffleFetcher fetcher, ClassLoader loader,
        MapMemoryPool mapMemory) {

    /** The same environment, with the classes of one job (its job jar's loader). */
    public TaskEnvironment withLoader(ClassLoader jobLoader) {
        return new TaskEnvironment(workDir, registry, fetcher, jobLoader, mapMemory);
    }

    public Path jobDir(String jobId) {
        return workDir.resolve("jobs").resolve(jobId);
    }

    /** Creates the attempt's own directory, empty. */
    public Path attemptDir(String jobId, String attemptId) throws IOException {
        Path dir = jobDir(jobId).resolve(attemptId);
        if (Files.exists(dir)) {
            FileTrees.delete(dir);
        }
        return Files.createDirectories(dir);
    }
}
