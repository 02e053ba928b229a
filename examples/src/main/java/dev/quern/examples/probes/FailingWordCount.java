package dev.quern.examples.probes;

import dev.quern.api.Job;
import dev.quern.api.Tool;
import dev.quern.api.Workflow;
import dev.quern.examples.WordCount;
import java.nio.file.Path;
import java.util.List;

/** {@code mr local dev.quern.examples.probes.FailingWordCount IN OUT}: WordCount with a failing mapper. */
public final class FailingWordCount implements Tool {

    @Override
    public Workflow plan(List<String> args, int reducers) {
        return Workflow.of(Job.builder("failing-wordcount")
                .input(Path.of(args.get(0)))
                .mapper(FailingMapper.class)
                .reducer(WordCount.SumReducer.class)
                .mapOutput(String.class, Long.class)
                .reducers(reducers)
                .output(Path.of(args.get(1)))
                .build());
    }
}
