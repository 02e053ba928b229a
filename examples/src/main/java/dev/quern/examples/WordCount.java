package dev.quern.examples;

import dev.quern.api.Context;
import dev.quern.api.Job;
import dev.quern.api.Mapper;
import dev.quern.api.Reducer;
import dev.quern.api.Text;
import dev.quern.api.Tool;
import dev.quern.api.Workflow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Counts the words of text files: {@code tr -s '[:space:]' '\n' < IN | LC_ALL=C sort | uniq -c} at
 * cluster scale. A word is a run of bytes other than space, tab, CR, LF, FF and VT, as in Hadoop's
 * WordCount; case and punctuation are kept ({@code Election,} and {@code election} differ).
 *
 * <p>The map emits (word, 1) per word, the word as {@link Text}: it reads each line's bytes and
 * writes one reused {@code Text}, so no {@code String} is made per word or line (the same map with
 * {@code String}s, {@link TokenizerMapper}, took about a fifth more CPU in bench/micro/MapSideBench).
 * The combiner sums the ones of a word within each map's sorted
 * output, so the shuffle carries one record per distinct word per map; the reducer sums the partial
 * counts. Output: {@code word<TAB>count} lines, sorted by word (byte order) within each part file.
 */
public final class WordCount implements Tool {

    public static final String USAGE = "usage: wordcount IN... OUT";

    /** {@code wordcount IN... OUT}: one job. */
    @Override
    public Workflow plan(List<String> args, int reducers) {
        return Workflow.of(job(args, reducers));
    }

    /** The job of {@code wordcount IN... OUT}. */
    public static Job job(List<String> args, int reducers) {
        if (args.size() < 2) {
            throw new IllegalArgumentException("wordcount needs at least one input and an output; " + USAGE);
        }
        return Job.builder("wordcount")
                .input(args.subList(0, args.size() - 1).stream().map(Path::of).toArray(Path[]::new))
                .mapper(TextTokenizerMapper.class)
                .combiner(TextSumReducer.class)
                .reducer(TextSumReducer.class)
                .mapOutput(Text.class, Long.class)
                .reducers(reducers)
                .output(Path.of(args.get(args.size() - 1)))
                .build();
    }

    /** (offset, line) to (word, 1) for every word of the line, on the line's bytes. */
    public static final class TextTokenizerMapper extends Mapper<Long, Text, Text, Long> {
        private static final Long ONE = 1L;
        private final Text word = new Text();

        @Override
        public void map(Long offset, Text line, Context<Text, Long> context) throws IOException {
            byte[] b = line.bytes();
            int n = line.length();
            int i = 0;
            while (i < n) {
                while (i < n && isSpace(b[i])) {
                    i++;
                }
                int start = i;
                while (i < n && !isSpace(b[i])) {
                    i++;
                }
                if (i > start) {
                    context.write(word.set(b, start, i - start), ONE);
                }
            }
        }

        /** Space, or TAB LF VT FF CR (9 to 13): {@code [:space:]} in the C locale. UTF-8 never uses these bytes inside a character. */
        static boolean isSpace(byte c) {
            return c == ' ' || (c >= '\t' && c <= '\r');
        }
    }

    /** The same as {@link TextTokenizerMapper} on a {@code String} per line and per word: simpler, slower. */
    public static final class TokenizerMapper extends Mapper<Long, String, String, Long> {
        private static final Long ONE = 1L;

        @Override
        public void map(Long offset, String line, Context<String, Long> context) throws IOException {
            int n = line.length();
            int i = 0;
            while (i < n) {
                while (i < n && isSpace(line.charAt(i))) {
                    i++;
                }
                int start = i;
                while (i < n && !isSpace(line.charAt(i))) {
                    i++;
                }
                if (i > start) {
                    context.write(line.substring(start, i), ONE);
                }
            }
        }

        /** The separators of Hadoop's WordCount plus VT: exactly {@code [:space:]} in the C locale. */
        static boolean isSpace(char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000b';
        }
    }

    /** (word, counts) to (word, sum of counts); also the combiner. */
    public static final class SumReducer extends Reducer<String, Long, String, Long> {
        @Override
        public void reduce(String word, Iterable<Long> counts, Context<String, Long> context) throws IOException {
            long sum = 0;
            for (long c : counts) {
                sum += c;
            }
            context.write(word, sum);
        }
    }

    /** {@link SumReducer} for {@link Text} words: WordCount's combiner and reducer. */
    public static final class TextSumReducer extends Reducer<Text, Long, Text, Long> {
        @Override
        public void reduce(Text word, Iterable<Long> counts, Context<Text, Long> context) throws IOException {
            long sum = 0;
            for (long c : counts) {
                sum += c;
            }
            context.write(word, sum);
        }
    }
}
