package dev.quern.coordinator.job;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Task commit on the real file system: the first attempt to commit a part file wins. */
class TaskCommitterTest {

    @TempDir
    Path dir;

    private JobRun job() throws IOException {
        Path input = TestJobs.input(dir.resolve("input.txt"), 1);
        JobRun job = new JobRun("job-7", TestJobs.spec(input, dir.resolve("out"), 1).build(), List.of(), 0);
        Files.createDirectories(job.tempDir);
        return job;
    }

    private static Path part(JobRun job, String attemptId, String content) throws IOException {
        Path part = Files.createDirectories(job.tempDir.resolve(attemptId)).resolve("part-r-00000");
        return Files.writeString(part, content, UTF_8);
    }

    @Test
    void theFirstCommitWinsAndALaterAttemptsFileIsDiscarded() throws IOException {
        JobRun job = job();
        Path first = part(job, "r-00000.e1.1", "first\n");
        Path second = part(job, "r-00000.e2.1", "second\n");

        Path committed = TaskCommitter.commit(job, "r-00000.e1.1", first.toString());
        Path again = TaskCommitter.commit(job, "r-00000.e2.1", second.toString());

        assertThat(committed).isEqualTo(job.tempDir.resolve("committed").resolve("part-r-00000")).isEqualTo(again);
        assertThat(Files.readString(committed, UTF_8)).isEqualTo("first\n");
        assertThat(JobHarness.tree(job.tempDir)).containsExactly("committed", "committed/part-r-00000");
        assertThat(JobHarness.tree(job.output)).doesNotContain("part-r-00000"); // nothing visible before the job commit
    }

    @Test
    void aPartFileOutsideTheAttemptsDirectoryIsRefused() throws IOException {
        JobRun job = job();
        Path other = part(job, "r-00000.e1.1", "x\n");

        assertThatThrownBy(() -> TaskCommitter.commit(job, "r-00000.e1.2", other.toString()))
                .isInstanceOf(IOException.class).hasMessageContaining("r-00000.e1.2").hasMessageContaining("is not in");
        assertThat(other).exists();
    }

    @Test
    void discardNeverLeavesTheJobsTemporaryDirectory() throws IOException {
        JobRun job = job();
        Path kept = part(job, "r-00000.e1.1", "x\n");

        TaskCommitter.discard(job, "../../input.txt");
        TaskCommitter.discard(job, "r-00000.e1.1");

        assertThat(dir.resolve("input.txt")).exists();
        assertThat(kept).doesNotExist();
    }
}
