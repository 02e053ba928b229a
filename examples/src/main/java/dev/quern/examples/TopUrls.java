package dev.quern.examples;

import dev.quern.api.Context;
import dev.quern.api.Counter;
import dev.quern.api.Job;
import dev.quern.api.Mapper;
import dev.quern.api.Reducer;
import dev.quern.api.Tool;
import dev.quern.api.Workflow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The N most requested URLs of web server access logs in combined log format:
 * {@code awk '{print $7}' LOG | LC_ALL=C sort | uniq -c | LC_ALL=C sort -k1,1nr -k2,2 | head -n N}
 * at cluster scale: by count descending, ties by URL ascending (byte order).
 *
 * <pre>topurls LOG OUT [--top N]      (N >= 1, default 5)</pre>
 *
 * A chain of two jobs:
 * <ol>
 *   <li>{@code count-urls} reads LOG and counts the requests per URL ({@code url<TAB>count} lines) into
 *       {@code OUT.steps/count-urls}, a sibling of OUT that is kept, so a rerun can skip it. The URL is
 *       field 7 as awk splits a line (runs of spaces and tabs, leading ones ignored). A line with fewer
 *       than 7 fields counts under the empty URL, as {@code awk '{print $7}'} prints an empty line for
 *       it, and in the counter {@code topurls: lines with fewer than 7 fields}. A combiner sums on the
 *       map side, so the shuffle carries one record per URL per map.
 *   <li>{@code top-urls} reads those lines (text input), emits one {@link UrlRank} key per URL, whose
 *       bytes sort by count descending then URL, to a single reducer, which writes the first N as
 *       {@code count<TAB>url} lines (the order of {@code uniq -c}'s columns) to {@code OUT/part-r-00000}.
 * </ol>
 *
 * Rerunning the same command after a success does nothing: OUT exists, so {@code mr local} refuses it
 * (exit 2) before starting a cluster, and a workflow runner skips both steps. After a failure of the
 * second job (which leaves no OUT), the rerun skips {@code count-urls}, whose output is complete, and
 * runs only {@code top-urls}. Delete {@code OUT.steps} when done with it.
 * Known difference: a line ending {@code \r\n} whose 7th field is its last loses the {@code \r},
 * which awk would keep.
 */
public final class TopUrls implements Tool {

    public static final String USAGE = "usage: topurls LOG OUT [--top N]  (the N most requested URLs, N >= 1, default 5)";
    public static final String TOP = "topurls.top";
    public static final String COUNTERS = "topurls";
    public static final String SHORT_LINES = "lines with fewer than 7 fields";
    public static final int DEFAULT_TOP = 5;

    @Override
    public Workflow plan(List<String> args, int reducers) {
        List<String> paths = new ArrayList<>();
        int top = DEFAULT_TOP;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--top")) {
                if (i + 1 == args.size()) {
                    throw usage("--top needs a number");
                }
                top = parseTop(args.get(++i));
            } else if (a.startsWith("--top=")) {
                top = parseTop(a.substring("--top=".length()));
            } else if (a.startsWith("--")) {
                throw usage("unknown option " + a);
            } else {
                paths.add(a);
            }
        }
        if (paths.size() != 2) {
            throw usage("expected LOG and OUT, got " + paths.size() + " path" + (paths.size() == 1 ? "" : "s") + " " + paths);
        }
        return workflow(Path.of(paths.get(0)), Path.of(paths.get(1)), top, reducers);
    }

    /** Both jobs: counts into {@code stepsDir(out)/count-urls}, then the top {@code top} into {@code out}. */
    public static Workflow workflow(Path log, Path out, int top, int reducers) {
        Job count = countJob(log, stepsDir(out).resolve("count-urls"), reducers);
        Job rank = topJob(count.output(), out, top);
        return Workflow.builder("topurls").step(count).step(rank, count).build();
    }

    /** Where the intermediate outputs go: {@code OUT.steps}, beside OUT. */
    public static Path stepsDir(Path out) {
        if (out.getFileName() == null) {
            throw usage("OUT must name a directory, got " + out);
        }
        return out.resolveSibling(out.getFileName() + ".steps");
    }

    /** Job 1: {@code url<TAB>count} per URL of the log. */
    public static Job countJob(Path log, Path counts, int reducers) {
        return Job.builder("count-urls").input(log).mapper(UrlMapper.class)
                .combiner(WordCount.SumReducer.class).reducer(WordCount.SumReducer.class)
                .mapOutput(String.class, Long.class).reducers(reducers).output(counts).build();
    }

    /** Job 2: the {@code top} first of the counts, as {@code count<TAB>url}; one reducer sees every URL in rank order. */
    public static Job topJob(Path counts, Path out, int top) {
        return Job.builder("top-urls").input(counts).mapper(RankMapper.class).reducer(FirstReducer.class)
                .mapOutput(UrlRank.class, Long.class).codec(UrlRank.class, UrlRank.KeyCodec.class)
                .outputTypes(Long.class, String.class).reducers(1).output(out)
                .set(TOP, Integer.toString(top)).build();
    }

    private static int parseTop(String s) {
        try {
            int n = Integer.parseInt(s);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw usage("--top must be a whole number >= 1, got '" + s + "'");
    }

    private static IllegalArgumentException usage(String problem) {
        return new IllegalArgumentException("topurls: " + problem + "; " + USAGE);
    }

    /** (offset, log line) to (URL, 1): the URL is awk's {@code $7}, empty for a line with fewer than 7 fields. */
    public static final class UrlMapper extends Mapper<Long, String, String, Long> {
        private static final Long ONE = 1L;
        private Counter shortLines;

        @Override
        public void setup(Context<String, Long> context) {
            shortLines = context.counter(COUNTERS, SHORT_LINES);
        }

        @Override
        public void map(Long offset, String line, Context<String, Long> context) throws IOException {
            String url = field(line, 7);
            if (url == null) {
                shortLines.increment(1);
                url = "";
            }
            context.write(url, ONE);
        }

        /** Field {@code n} (from 1) as awk's default splitting finds it, or null when the line has fewer fields. */
        static String field(String line, int n) {
            int length = line.length();
            int i = 0;
            for (int field = 1; ; field++) {
                while (i < length && isBlank(line.charAt(i))) {
                    i++;
                }
                if (i == length) {
                    return null;
                }
                int start = i;
                while (i < length && !isBlank(line.charAt(i))) {
                    i++;
                }
                if (field == n) {
                    return line.substring(start, i);
                }
            }
        }

        /** awk's default field separators (mawk and gawk alike): space, tab, newline; not \r, \f or \v. */
        private static boolean isBlank(char c) {
            return c == ' ' || c == '\t' || c == '\n';
        }
    }

    /** (offset, {@code url<TAB>count}) from {@code count-urls}'s output to (rank key, count). */
    public static final class RankMapper extends Mapper<Long, String, UrlRank, Long> {
        @Override
        public void map(Long offset, String line, Context<UrlRank, Long> context) throws IOException {
            int tab = line.lastIndexOf('\t'); // the URL, awk's $7, holds no tab
            long count;
            try {
                count = tab < 0 ? -1 : Long.parseLong(line.substring(tab + 1));
            } catch (NumberFormatException e) {
                count = -1;
            }
            if (count < 0) {
                throw new IllegalArgumentException("line at offset " + offset + " is not url<TAB>count: '" + line + "'");
            }
            context.write(new UrlRank(count, line.substring(0, tab)), count);
        }
    }

    /** Writes the first N keys it sees as {@code (count, url)}: with one reducer, the N most requested URLs. */
    public static final class FirstReducer extends Reducer<UrlRank, Long, Long, String> {
        private int top;
        private int written;

        @Override
        public void setup(Context<Long, String> context) {
            top = Integer.parseInt(context.get(TOP, Integer.toString(DEFAULT_TOP)));
        }

        @Override
        public void reduce(UrlRank key, Iterable<Long> counts, Context<Long, String> context) throws IOException {
            if (written < top) {
                context.write(key.count(), key.url());
                written++;
            }
        }
    }
}
