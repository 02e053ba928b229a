package dev.quern.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.quern.api.Context;
import dev.quern.api.Job;
import dev.quern.api.Mapper;
import dev.quern.api.Reducer;
import dev.quern.api.Tool;
import dev.quern.api.Workflow;
import dev.quern.job.EngineOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * For every word, the documents it occurs in: a search engine's index. A document is a file, named
 * by its file name (so two files of the same name in different directories are one document). Words
 * are WordCount's (runs of bytes other than {@code [:space:]}). Output: {@code word<TAB>doc1,doc2,...}
 * lines, the documents sorted (byte order) and each listed once; sorted by word in each part file.
 * The same as, with {@code DOC} each file's name:
 *
 * <pre>
 * for f in IN/*; do tr -s '[:space:]' '\n' &lt; "$f" | grep -v '^$' | LC_ALL=C sort -u | sed "s/$/\tDOC/"; done
 *   | LC_ALL=C sort -t TAB -k1,1 -k2,2 -u | awk: join the second fields of each word with ","
 * </pre>
 *
 * <pre>invertedindex IN... OUT</pre>
 *
 * The mapper reads the document's name from {@link Context#inputFile()}. Documents are typically
 * many small files, so the job packs them into shared splits ({@code quern.split.combine}): 10,000
 * short texts make a few map tasks, not 10,000. A combiner drops repeats of a (word, document) pair
 * within each map's output, so the shuffle carries each pair about once.
 */
public final class InvertedIndex implements Tool {

    public static final String USAGE = "usage: invertedindex IN... OUT";

    @Override
    public Workflow plan(List<String> args, int reducers) {
        if (args.size() < 2) {
            throw new IllegalArgumentException("invertedindex needs at least one input and an output; " + USAGE);
        }
        List<Path> in = args.subList(0, args.size() - 1).stream().map(Path::of).toList();
        return Workflow.of(job(in, Path.of(args.get(args.size() - 1)), reducers));
    }

    public static Job job(List<Path> in, Path out, int reducers) {
        return Job.builder("invertedindex").input(in.toArray(Path[]::new)).mapper(WordDocumentMapper.class)
                .combiner(DistinctReducer.class).reducer(DocumentListReducer.class)
                .mapOutput(String.class, String.class).reducers(reducers)
                .set(EngineOptions.SPLIT_COMBINE, "true").output(out).build();
    }

    /** Byte order of UTF-8, as the engine sorts keys: the order documents are listed in. */
    static final Comparator<String> BYTE_ORDER = (a, b) -> Arrays.compareUnsigned(a.getBytes(UTF_8), b.getBytes(UTF_8));

    /** (offset, line) to (word, document) for every word of the line. */
    public static final class WordDocumentMapper extends Mapper<Long, String, String, String> {
        private Path file;
        private String document;

        @Override
        public void map(Long offset, String line, Context<String, String> context) throws IOException {
            Path current = context.inputFile().orElseThrow(() -> new IllegalStateException("invertedindex reads files, not a range"));
            if (!current.equals(file)) { // a combined split moves from file to file
                file = current;
                document = current.getFileName().toString();
            }
            int n = line.length();
            int i = 0;
            while (i < n) {
                while (i < n && WordCount.TokenizerMapper.isSpace(line.charAt(i))) {
                    i++;
                }
                int start = i;
                while (i < n && !WordCount.TokenizerMapper.isSpace(line.charAt(i))) {
                    i++;
                }
                if (i > start) {
                    context.write(line.substring(start, i), document);
                }
            }
        }
    }

    /** The combiner: each document of a word once. A word is in few documents of one map, so the set is small. */
    public static final class DistinctReducer extends Reducer<String, String, String, String> {
        @Override
        public void reduce(String word, Iterable<String> documents, Context<String, String> context) throws IOException {
            for (String d : distinct(documents)) {
                context.write(word, d);
            }
        }
    }

    /** (word, documents) to (word, the distinct documents in byte order, joined by commas). */
    public static final class DocumentListReducer extends Reducer<String, String, String, String> {
        @Override
        public void reduce(String word, Iterable<String> documents, Context<String, String> context) throws IOException {
            context.write(word, String.join(",", distinct(documents)));
        }
    }

    static TreeSet<String> distinct(Iterable<String> documents) {
        TreeSet<String> set = new TreeSet<>(BYTE_ORDER);
        documents.forEach(set::add);
        return set;
    }
}
