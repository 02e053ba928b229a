package dev.quern.examples.probes;

import dev.quern.api.Context;
import dev.quern.api.Job;
import dev.quern.api.Mapper;
import dev.quern.api.Tool;
import dev.quern.api.Workflow;
import dev.quern.examples.WordCount;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code CountingFailFirstAttempt IN OUT}: WordCount whose mapper counts every line it reads in the
 * user counter {@code probe: lines read}, and whose first attempt of every map fails on its third
 * line, after counting it. The job's counter must equal the input's line count: the failed attempts'
 * counts are dropped.
 */
public final class CountingFailFirstAttempt implements Tool {

    public static final String GROUP = "probe";
    public static final String LINES = "lines read";

    @Override
    public Workflow plan(List<String> args, int reducers) {
        return Workflow.of(Job.builder("counting-fail-first").input(Path.of(args.get(0))).mapper(CountingMapper.class)
                .reducer(WordCount.SumReducer.class).mapOutput(String.class, Long.class).reducers(reducers)
                .output(Path.of(args.get(1))).build());
    }

    /** Counts, then maps as WordCount; the first attempt dies at its third line. */
    public static final class CountingMapper extends Mapper<Long, String, String, Long> {
        private final WordCount.TokenizerMapper words = new WordCount.TokenizerMapper();
        private int lines;

        @Override
        public void map(Long offset, String line, Context<String, Long> context) throws IOException {
            context.counter(GROUP, LINES).increment(1);
            words.map(offset, line, context);
            if (++lines == 3 && context.attemptId().endsWith(".1")) {
                throw new IllegalStateException("probe: first attempt " + context.attemptId() + " fails after counting");
            }
        }
    }
}
