package dev.quern.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quern.api.Context;
import dev.quern.api.Input;
import dev.quern.api.Job;
import dev.quern.api.Mapper;
import dev.quern.examples.WordCount;
import dev.quern.examples.terasort.TeraSort;
import dev.quern.job.EngineCounters;
import dev.quern.job.EngineOptions;
import dev.quern.proto.Counter;
import dev.quern.proto.JobStatus;
import dev.quern.testing.Corpus;
import dev.quern.wire.QuernException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input and output formats on a real embedded cluster: a job reading a previous job's text output
 * as key-value text, a map-only job's part-m files, and fixed-length input refused at submit. Each
 * output is compared with a plain Java computation.
 */
class FormatsEndToEndTest {

    @TempDir
    static Path dir;
    static TestingServer zk;
    static LocalCluster cluster;
    static Path corpus;

    @BeforeAll
    static void start() throws Exception {
        zk = new TestingServer();
        cluster = LocalCluster.builder().executors(2).zookeeper(zk.getConnectString())
                .workDir(dir.resolve("cluster")).jobTimeout(Duration.ofMinutes(2)).start();
        corpus = dir.resolve("corpus");
        Corpus text = new Corpus(17, 500);
        text.write(corpus.resolve("a.txt"), 90_000, "\n");
        text.write(corpus.resolve("b.txt"), 60_000, "\r\n");
    }

    @AfterAll
    static void stop() throws Exception {
        cluster.close();
        zk.close();
    }

    /** (word, count as text) from a word count's output to (word, count). */
    public static final class ParseCountMapper extends Mapper<String, String, String, Long> {
        @Override
        public void map(String word, String count, Context<String, Long> context) throws IOException {
            context.write(word, Long.parseLong(count));
        }
    }

    /** (offset, line) to (offset, LINE): a map-only job that keeps its input order. */
    public static final class UpperMapper extends Mapper<Long, String, Long, String> {
        @Override
        public void map(Long offset, String line, Context<Long, String> context) throws IOException {
            context.write(offset, line.toUpperCase(Locale.ROOT));
        }
    }

    private static JobStatus run(Job job) throws Exception {
        JobStatus end = cluster.run(job, s -> {});
        assertThat(end.getState()).as("%s", end.getError()).isEqualTo(JobStatus.State.SUCCEEDED);
        return end;
    }

    @Test
    void keyValueTextReadsAPreviousJobsTextOutput() throws Exception {
        Path counts = dir.resolve("counts");
        run(WordCount.job(List.of(corpus.toString(), counts.toString()), 3));
        Path again = dir.resolve("again");

        run(Job.builder("reread").input(Input.keyValueText(counts)).mapper(ParseCountMapper.class)
                .mapOutput(String.class, Long.class).reducers(1).output(again).build());

        List<String> expected = new ArrayList<>();
        wordCounts().forEach((word, n) -> expected.add(word + "\t" + n));
        assertThat(Files.readAllLines(again.resolve("part-r-00000"), UTF_8)).containsExactlyElementsOf(expected);
    }

    @Test
    void aMapOnlyJobWritesOnePartFilePerMapInInputOrder() throws Exception {
        Path out = dir.resolve("upper");

        JobStatus end = run(Job.builder("upper").input(corpus).mapper(UpperMapper.class).mapOutput(Long.class, String.class)
                .reducers(0).set(EngineOptions.SPLIT_SIZE, "16384").output(out).build());

        List<String> names;
        try (Stream<Path> files = Files.list(out)) {
            names = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        int maps = end.getProgress().getMapsTotal();
        assertThat(maps).as("several splits per file").isGreaterThan(4);
        List<String> expectedNames = new ArrayList<>(List.of("_SUCCESS"));
        for (int m = 0; m < maps; m++) {
            expectedNames.add(String.format("part-m-%05d", m));
        }
        assertThat(names).containsExactlyElementsOf(expectedNames);
        List<String> written = new ArrayList<>();
        for (String name : names.subList(1, names.size())) {
            written.addAll(Files.readAllLines(out.resolve(name), UTF_8));
        }
        List<String> expected = new ArrayList<>();
        for (Path file : List.of(corpus.resolve("a.txt"), corpus.resolve("b.txt"))) {
            lines(Files.readAllBytes(file)).forEach((offset, line) -> expected.add(offset + "\t" + line.toUpperCase(Locale.ROOT)));
        }
        assertThat(written).containsExactlyElementsOf(expected);
        assertThat(counter(end, EngineCounters.MAP_INPUT_RECORDS)).isEqualTo(expected.size());
        assertThat(counter(end, EngineCounters.MAP_OUTPUT_RECORDS)).isEqualTo(expected.size());
        assertThat(counter(end, EngineCounters.MAP_INPUT_BYTES)).isEqualTo(Files.size(corpus.resolve("a.txt")) + Files.size(corpus.resolve("b.txt")));
        assertThat(counter(end, EngineCounters.SPILLS) + counter(end, EngineCounters.SHUFFLE_BYTES)).isZero();
    }

    @Test
    void fixedLengthInputThatIsNotWholeRecordsIsRefusedAtSubmitAndOutIsNotCreated() throws Exception {
        Path torn = Files.write(dir.resolve("torn.bin"), new byte[1050]);
        Path out = dir.resolve("never");
        Job job = Job.builder("torn").input(Input.fixedLength(100, 10, torn)).mapper(TeraSort.IdentityMapper.class)
                .mapOutput(byte[].class, byte[].class).output(out).build();

        assertThatThrownBy(() -> cluster.run(job, s -> {})).isInstanceOf(QuernException.class)
                .hasMessageContaining(torn.toString()).hasMessageContaining("1050 bytes").hasMessageContaining("record size 100");
        assertThat(out).doesNotExist();
    }

    private static long counter(JobStatus s, String name) {
        return s.getCountersList().stream().filter(c -> c.getGroup().equals(EngineCounters.GROUP) && c.getName().equals(name))
                .mapToLong(Counter::getValue).sum();
    }

    /** The oracle's word count: runs of bytes other than the six whitespace bytes, sorted by UTF-8 bytes. */
    private static Map<String, Long> wordCounts() throws IOException {
        Map<String, Long> counts = new TreeMap<>((a, b) -> java.util.Arrays.compareUnsigned(a.getBytes(UTF_8), b.getBytes(UTF_8)));
        for (Path file : List.of(corpus.resolve("a.txt"), corpus.resolve("b.txt"))) {
            for (String word : Files.readString(file, UTF_8).split("[ \t\n\r\f\u000b]+")) {
                if (!word.isEmpty()) {
                    counts.merge(word, 1L, Long::sum);
                }
            }
        }
        return counts;
    }

    /** Line start offset to line, the '\n' and a '\r' before it dropped. */
    private static Map<Long, String> lines(byte[] bytes) {
        Map<Long, String> out = new TreeMap<>();
        int start = 0;
        while (start < bytes.length) {
            int nl = start;
            while (nl < bytes.length && bytes[nl] != '\n') {
                nl++;
            }
            int end = nl > start && nl < bytes.length && bytes[nl - 1] == '\r' ? nl - 1 : nl;
            out.put((long) start, new String(bytes, start, end - start, UTF_8));
            start = nl + 1;
        }
        return out;
    }
}
