package dev.quern.failover;

import dev.quern.api.Context;
import dev.quern.api.Mapper;
import dev.quern.examples.WordCount;
import dev.quern.job.TaskIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * WordCount's mapper for tests across processes: every attempt leaves a marker file named by its
 * attempt id in {@code DIR/attempts} (so a test counts how often each map ran), and maps from index
 * {@code test.gate.from} on wait at setup until the file {@code DIR/open} exists (so a test decides
 * when the job can finish, and faults strike mid-job). A kill interrupts the wait, and leaves a
 * marker in {@code DIR/killed}.
 */
public final class GateFileMapper extends Mapper<Long, String, String, Long> {

    public static final String DIR = "test.gate.dir";
    public static final String FROM = "test.gate.from";

    private final WordCount.TokenizerMapper words = new WordCount.TokenizerMapper();

    @Override
    public void setup(Context<String, Long> context) throws IOException, InterruptedException {
        Path dir = Path.of(context.get(DIR, ""));
        Files.createDirectories(dir.resolve("attempts"));
        Files.writeString(dir.resolve("attempts").resolve(context.attemptId()), "");
        if (TaskIds.index(context.taskId()) >= Integer.parseInt(context.get(FROM, "0"))) {
            try {
                while (!Files.exists(dir.resolve("open"))) {
                    Thread.sleep(20); // the executor's kill interrupts this
                }
            } catch (InterruptedException e) {
                Files.createDirectories(dir.resolve("killed"));
                Files.writeString(dir.resolve("killed").resolve(context.attemptId()), "");
                throw e;
            }
        }
    }

    @Override
    public void map(Long offset, String line, Context<String, Long> context) throws IOException {
        words.map(offset, line, context);
    }
}
