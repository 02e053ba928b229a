package dev.quern.examples.probes;

import dev.quern.api.Context;
import dev.quern.examples.WordCount;
import java.io.IOException;

/**
 * WordCount's mapper, except that the first attempt of every map task fails halfway through its
 * split (after writing some records): the retry must give exactly the output of a clean run.
 */
public final class FailFirstAttemptMapper extends dev.quern.api.Mapper<Long, String, String, Long> {

    private final WordCount.TokenizerMapper words = new WordCount.TokenizerMapper();
    private int lines;

    @Override
    public void map(Long offset, String line, Context<String, Long> context) throws IOException {
        words.map(offset, line, context);
        if (++lines == 3 && context.attemptId().endsWith(".1")) {
            throw new IllegalStateException("probe: first attempt " + context.attemptId() + " fails on purpose");
        }
    }
}
