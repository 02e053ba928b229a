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
 * {@code mr local dev.quern.examples.probes.OneKeyCount IN OUT}: every word becomes the value 1 of the
 * one key {@code all}, with no combiner, so one reduce call streams all of them (50 million for a
 * 360 MB input): a test that a key's values are never held in memory.
 */
public final class OneKeyCount implements Tool {

    /** (offset, line) to (all, 1) per word. */
    public static final class AllMapper extends Mapper<Long, String, String, Long> {
        @Override
        public void map(Long offset, String line, Context<String, Long> context) throws IOException {
            for (String w : line.split("[ \t\f\u000b\r]+")) {
                if (!w.isEmpty()) {
                    context.write("all", 1L);
                }
            }
        }
    }

    @Override
    public Workflow plan(List<String> args, int reducers) {
        return Workflow.of(Job.builder("one-key-count").input(Path.of(args.get(0))).mapper(AllMapper.class)
                .reducer(WordCount.SumReducer.class).mapOutput(String.class, Long.class).reducers(reducers)
                .output(Path.of(args.get(1))).build());
    }
}
