package dev.quern.examples.probes;

import dev.quern.api.Job;
import dev.quern.examples.Examples;
import dev.quern.examples.WordCount;
import java.nio.file.Path;
import java.util.List;

/** {@code mr local dev.quern.examples.probes.FailingWordCount IN OUT}: WordCount with a failing mapper. */
public final class FailingWordCount implements Examples.JobFactory {

    @Override
    public Job create(List<String> args, int reducers) {
        return Job.builder("failing-wordcount")
                .input(Path.of(args.get(0)))
                .mapper(FailingMapper.class)
                .reducer(WordCount.SumReducer.class)
                .mapOutput(String.class, Long.class)
                .reducers(reducers)
                .output(Path.of(args.get(1)))
                .build();
    }
}
