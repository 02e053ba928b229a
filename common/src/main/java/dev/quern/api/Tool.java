package dev.quern.api;

import java.io.IOException;
import java.util.List;

/**
 * A job program, like Hadoop's Tool: it turns command-line arguments into the job, or the chain of
 * jobs, to run. The CLI chooses the cluster; the tool only says what to compute. It runs in the
 * client, so it may read its input first (a sampler picking reduce boundaries does). Implementations
 * need a public no-argument constructor.
 *
 * <pre>{@code
 * public final class WordCountTool implements Tool {
 *     public Workflow plan(List<String> args, int reducers) {
 *         return Workflow.of(Job.builder("wordcount").input(Path.of(args.get(0))).mapper(TokenizerMapper.class)
 *                 .reducer(SumReducer.class).mapOutput(String.class, Long.class)
 *                 .reducers(reducers).output(Path.of(args.get(1))).build());
 *     }
 * }
 * }</pre>
 */
@FunctionalInterface
public interface Tool {

    /**
     * @param args the arguments after the job's name on the command line
     * @param reducers the reducer count the user asked for ({@code --reducers}), a hint a tool may ignore
     * @throws IllegalArgumentException for bad arguments, with a message that shows the usage
     */
    Workflow plan(List<String> args, int reducers) throws IOException;
}
