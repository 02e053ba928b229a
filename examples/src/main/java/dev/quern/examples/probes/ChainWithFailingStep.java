package dev.quern.examples.probes;

import dev.quern.api.Job;
import dev.quern.api.Tool;
import dev.quern.api.Workflow;
import dev.quern.examples.WordCount;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code mr local dev.quern.examples.probes.ChainWithFailingStep IN OUT}: three chained jobs of which
 * the second always fails: {@code words} (WordCount of IN into {@code OUT.steps/words}, named {@code wordcount}), {@code fails}
 * (its reducer throws) and {@code lines} (into OUT), which must never be submitted.
 */
public final class ChainWithFailingStep implements Tool {

    @Override
    public Workflow plan(List<String> args, int reducers) {
        if (args.size() != 2) {
            throw new IllegalArgumentException("usage: " + ChainWithFailingStep.class.getName() + " IN OUT");
        }
        Path out = Path.of(args.get(1));
        Path steps = out.resolveSibling(out.getFileName() + ".steps");
        Job words = WordCount.job(List.of(args.get(0), steps.resolve("words").toString()), reducers);
        Job fails = lineCount("fails", words.output(), steps.resolve("fails")).reducer(FailingReducer.class).build();
        Job lines = lineCount("lines", fails.output(), out).build();
        return Workflow.builder("chain-with-failing-step").step(words).step(fails, words).step(lines, fails).build();
    }

    private static Job.Builder lineCount(String name, Path in, Path out) {
        return Job.builder(name).input(in).mapper(LineCountMapper.class).reducer(WordCount.SumReducer.class)
                .mapOutput(String.class, Long.class).output(out);
    }
}
