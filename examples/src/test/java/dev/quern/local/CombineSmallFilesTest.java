package dev.quern.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.api.Context;
import dev.quern.api.Job;
import dev.quern.api.Mapper;
import dev.quern.examples.WordCount;
import dev.quern.job.EngineOptions;
import dev.quern.proto.JobStatus;
import dev.quern.testing.ClusterFixture;
import dev.quern.testing.Shell;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code quern.split.combine}: 200 small files (and two big ones among them) read by far fewer map
 * tasks than files, with the same output as one task per file, the files in input order and each
 * record's {@code Context.inputFile()} right.
 */
class CombineSmallFilesTest extends ClusterFixture {

    private static final int SPLIT_SIZE = 4096;
    private static Path corpus;
    private static long bytes;

    @BeforeAll
    static void corpus() throws Exception {
        corpus = Files.createDirectories(dir.resolve("small"));
        Random random = new Random(200);
        for (int i = 0; i < 200; i++) {
            // Two files bigger than a split: they keep their own splits, between packed runs.
            int words = i == 50 || i == 120 ? 2000 : 5 + random.nextInt(60);
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < words; w++) {
                text.append("w").append(random.nextInt(100)).append(w % 7 == 6 ? "\n" : " ");
            }
            write(corpus.resolve(String.format("f-%03d.txt", i)), text.toString());
            bytes += text.length();
        }
    }

    private static Job.Builder wordCount(Path out, boolean combine) {
        return Job.builder("wordcount").input(corpus).mapper(WordCount.TokenizerMapper.class)
                .combiner(WordCount.SumReducer.class).reducer(WordCount.SumReducer.class)
                .mapOutput(String.class, Long.class).reducers(2).output(out)
                .set(EngineOptions.SPLIT_SIZE, Integer.toString(SPLIT_SIZE))
                .set(EngineOptions.SPLIT_COMBINE, Boolean.toString(combine));
    }

    @Test
    void twoHundredSmallFilesMakeFarFewerMapsAndTheSameCounts() throws Exception {
        Path out = newOutput();
        JobStatus end = runOk(wordCount(out, true).build());
        int maps = end.getProgress().getMapsTotal();
        // Each big file makes ~4 splits of its own; the ~190 small ones fill splits of 4 KiB.
        assertThat(maps).isLessThan(40).isGreaterThanOrEqualTo((int) (bytes / SPLIT_SIZE));
        List<String> expected = sortedByBytes(Shell.lines(dir, "cat " + Shell.quote(corpus) + "/* | tr -s '[:space:]' '\\n'"
                + " | { grep -v '^$' || true; } | LC_ALL=C sort | uniq -c | " + UNIQ_TO_TAB));
        assertThat(allLinesSorted(out, 2)).isEqualTo(expected);

        Path uncombined = newOutput();
        assertThat(runOk(wordCount(uncombined, false).build()).getProgress().getMapsTotal()).isGreaterThanOrEqualTo(200);
        assertThat(allLinesSorted(uncombined, 2)).isEqualTo(expected);
    }

    /** Writes (file name, line): a map-only job's output then shows which file each line came from. */
    public static final class FileTagMapper extends Mapper<Long, String, String, String> {
        @Override
        public void map(Long offset, String line, Context<String, String> context) throws IOException {
            context.write(context.inputFile().orElseThrow().getFileName().toString(), offset + ":" + line);
        }
    }

    @Test
    void aMapOnlyJobSeesEachRecordsFileAndKeepsInputOrder() throws Exception {
        Path out = newOutput();
        JobStatus end = runOk(Job.builder("tag-files").input(corpus).mapper(FileTagMapper.class)
                .mapOutput(String.class, String.class).reducers(0).output(out)
                .set(EngineOptions.SPLIT_SIZE, Integer.toString(SPLIT_SIZE)).set(EngineOptions.SPLIT_COMBINE, "true").build());
        int maps = end.getProgress().getMapsTotal();
        assertThat(maps).isLessThan(40);
        List<String> actual = new ArrayList<>();
        for (int m = 0; m < maps; m++) {
            actual.addAll(Files.readAllLines(out.resolve(String.format("part-m-%05d", m)), StandardCharsets.UTF_8));
        }
        // The oracle: every file in path order, each line with its file's name and byte offset.
        List<String> expected = Shell.lines(dir, "cd " + Shell.quote(corpus) + " && for f in *; do"
                + " awk -v f=\"$f\" '{print f \"\\t\" (o + 0) \":\" $0; o += length($0) + 1}' \"$f\"; done");
        assertThat(actual).hasSize(expected.size()).isEqualTo(expected);
    }
}
