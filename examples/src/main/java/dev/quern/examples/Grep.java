package dev.quern.examples;

import dev.quern.api.Context;
import dev.quern.api.Counter;
import dev.quern.api.Job;
import dev.quern.api.Mapper;
import dev.quern.api.Tool;
import dev.quern.api.Workflow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The distinct lines that match a regular expression, each with how often it occurs:
 * {@code grep -E -h PATTERN IN... | LC_ALL=C sort | uniq -c} at cluster scale.
 *
 * <pre>grep PATTERN IN... OUT</pre>
 *
 * A line matches when the Java regex PATTERN is found anywhere in it ({@link Matcher#find()}, as
 * grep searches); for the usual ERE syntax ({@code a|b}, {@code [0-9]+}, {@code ^...$}) Java's regex
 * agrees with {@code grep -E}. Lines are split as TEXT input splits them ({@code \n}, and a {@code \r}
 * just before it is dropped). The map emits (line, 1) per matching line, a combiner sums per map, the
 * reducer sums: {@code line<TAB>count} lines, sorted by line (byte order) in each part file. The
 * counter {@code grep: matching lines} is the number of matches, {@code grep -c}.
 */
public final class Grep implements Tool {

    public static final String USAGE = "usage: grep PATTERN IN... OUT  (PATTERN: a java.util.regex pattern)";
    public static final String PATTERN = "grep.pattern";
    public static final String COUNTERS = "grep";
    public static final String MATCHING_LINES = "matching lines";

    @Override
    public Workflow plan(List<String> args, int reducers) {
        if (args.size() < 3) {
            throw new IllegalArgumentException("grep needs a pattern, at least one input and an output; " + USAGE);
        }
        List<Path> in = args.subList(1, args.size() - 1).stream().map(Path::of).toList();
        return Workflow.of(job(args.get(0), in, Path.of(args.get(args.size() - 1)), reducers));
    }

    /** The job; the pattern is checked here, so a bad one is refused before a cluster starts. */
    public static Job job(String pattern, List<Path> in, Path out, int reducers) {
        try {
            Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("grep: PATTERN '" + pattern + "' is not a regular expression: "
                    + e.getDescription() + " near index " + e.getIndex() + "; " + USAGE);
        }
        return Job.builder("grep").input(in.toArray(Path[]::new)).mapper(MatchMapper.class)
                .combiner(WordCount.SumReducer.class).reducer(WordCount.SumReducer.class)
                .mapOutput(String.class, Long.class).reducers(reducers).set(PATTERN, pattern).output(out).build();
    }

    /** (offset, line) to (line, 1) when the pattern is found in the line. */
    public static final class MatchMapper extends Mapper<Long, String, String, Long> {
        private static final Long ONE = 1L;
        private Matcher matcher;
        private Counter matches;

        @Override
        public void setup(Context<String, Long> context) {
            matcher = Pattern.compile(context.get(PATTERN, "")).matcher("");
            matches = context.counter(COUNTERS, MATCHING_LINES);
        }

        @Override
        public void map(Long offset, String line, Context<String, Long> context) throws IOException {
            if (matcher.reset(line).find()) {
                matches.increment(1);
                context.write(line, ONE);
            }
        }
    }
}
