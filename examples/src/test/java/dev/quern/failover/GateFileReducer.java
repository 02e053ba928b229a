package dev.quern.failover;

import dev.quern.api.Context;
import dev.quern.api.Reducer;
import dev.quern.examples.WordCount;
import dev.quern.job.TaskIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * WordCount's reducer with the gate of {@link GateFileMapper} for reduces: every attempt leaves a
 * marker in {@code DIR/attempts}, and partitions from {@code test.gate.reduce-from} on wait at setup
 * until {@code DIR/open-reduces} exists; a kill interrupts the wait and leaves a marker in
 * {@code DIR/killed}.
 */
public final class GateFileReducer extends Reducer<String, Long, String, Long> {

    public static final String FROM = "test.gate.reduce-from";

    private final WordCount.SumReducer sum = new WordCount.SumReducer();

    @Override
    public void setup(Context<String, Long> context) throws IOException, InterruptedException {
        Path dir = Path.of(context.get(GateFileMapper.DIR, ""));
        Files.createDirectories(dir.resolve("attempts"));
        Files.writeString(dir.resolve("attempts").resolve(context.attemptId()), "");
        if (TaskIds.index(context.taskId()) >= Integer.parseInt(context.get(FROM, "0"))) {
            try {
                while (!Files.exists(dir.resolve("open-reduces"))) {
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
    public void reduce(String word, Iterable<Long> counts, Context<String, Long> context) throws IOException {
        sum.reduce(word, counts, context);
    }
}
