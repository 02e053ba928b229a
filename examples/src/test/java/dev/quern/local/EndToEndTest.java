package dev.quern.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.api.Job;
import dev.quern.examples.WordCount;
import dev.quern.examples.probes.FailFirstAttemptMapper;
import dev.quern.examples.probes.FailingMapper;
import dev.quern.examples.probes.FailingReducer;
import dev.quern.examples.probes.LineCountMapper;
import dev.quern.job.EngineCounters;
import dev.quern.job.EngineOptions;
import dev.quern.proto.Counter;
import dev.quern.proto.JobStatus;
import dev.quern.testing.Corpus;
import dev.quern.testing.Outputs;
import dev.quern.testing.SequentialRunner;
import dev.quern.testing.Wait;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Jobs on a real embedded cluster (a Curator TestingServer, a coordinator, 3 executors on loopback),
 * each compared with the sequential oracle and, for WordCount, a plain Java count. The tests share
 * one cluster, so they also show jobs running one after another on it.
 */
class EndToEndTest {

    private static final AtomicInteger OUTPUTS = new AtomicInteger();

    @TempDir
    static Path dir;
    static TestingServer zk;
    static LocalCluster cluster;
    static Path corpus;

    @BeforeAll
    static void start() throws Exception {
        zk = new TestingServer();
        cluster = LocalCluster.builder().executors(3).zookeeper(zk.getConnectString())
                .workDir(dir.resolve("cluster")).jobTimeout(Duration.ofMinutes(2)).start();
        corpus = dir.resolve("corpus");
        Corpus text = new Corpus(42, 3000);
        text.write(corpus.resolve("a.txt"), 200_000, "\n");
        text.write(corpus.resolve("b.txt"), 150_000, "\n");
        text.write(corpus.resolve("c-crlf.txt"), 120_000, "\r\n");
        text.write(corpus.resolve("sub/d.txt"), 60_000, "\n");
    }

    @AfterAll
    static void stop() throws Exception {
        cluster.close();
        zk.close();
    }

    private static Path newOutput() {
        return dir.resolve("out-" + OUTPUTS.incrementAndGet());
    }

    private static Job.Builder wordCount(Path input, Path output, int reducers, long splitSize) {
        return Job.builder("wordcount").input(input).mapper(WordCount.TokenizerMapper.class)
                .combiner(WordCount.SumReducer.class).reducer(WordCount.SumReducer.class)
                .mapOutput(String.class, Long.class).reducers(reducers).output(output)
                .set(EngineOptions.SPLIT_SIZE, Long.toString(splitSize));
    }

    private static Job lineCount(Path input, Path output, long splitSize) {
        return Job.builder("linecount").input(input).mapper(LineCountMapper.class).reducer(WordCount.SumReducer.class)
                .mapOutput(String.class, Long.class).reducers(2).output(output)
                .set(EngineOptions.SPLIT_SIZE, Long.toString(splitSize)).build();
    }

    private static JobStatus runOk(Job job) throws Exception {
        JobStatus end = cluster.run(job, s -> {});
        assertThat(end.getState()).as("job %s ended %s: %s", end.getJobId(), end.getState(), end.getError().getMessage())
                .isEqualTo(JobStatus.State.SUCCEEDED);
        return end;
    }

    private static long counter(JobStatus s, String name) {
        return s.getCountersList().stream().filter(c -> c.getGroup().equals(EngineCounters.GROUP) && c.getName().equals(name))
                .mapToLong(Counter::getValue).sum();
    }

    /** The independent oracle: split the whole corpus on the six whitespace bytes and count. */
    private static Map<String, Long> plainJavaCount(Path root) throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        try (var files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                for (String w : Files.readString(f, StandardCharsets.UTF_8).split("[ \t\n\r\f\u000b]+")) {
                    if (!w.isEmpty()) {
                        counts.merge(w, 1L, Long::sum);
                    }
                }
            }
        }
        return counts;
    }

    @ParameterizedTest(name = "R = {0}")
    @ValueSource(ints = {1, 3, 7})
    void wordCountEqualsTheOracles(int reducers) throws Exception {
        Job job = wordCount(corpus, newOutput(), reducers, 64 * 1024).build();
        JobStatus end = runOk(job);

        assertThat(end.getProgress().getMapsTotal()).isGreaterThan(3);
        List<List<String>> parts = Outputs.parts(job.output(), reducers);
        Outputs.assertSortedAndPartitioned(parts);
        assertThat(parts).isEqualTo(SequentialRunner.run(job));
        Map<String, Long> engine = new TreeMap<>();
        parts.forEach(p -> p.forEach(line -> engine.put(line.substring(0, line.indexOf('\t')),
                Long.parseLong(line.substring(line.indexOf('\t') + 1)))));
        assertThat(engine).isEqualTo(plainJavaCount(corpus));
        assertThat(counter(end, EngineCounters.REDUCE_OUTPUT_RECORDS)).isEqualTo(engine.size());
        assertThat(counter(end, EngineCounters.MAP_OUTPUT_RECORDS))
                .isEqualTo(engine.values().stream().mapToLong(Long::longValue).sum());
        assertThat(counter(end, EngineCounters.COMBINE_OUTPUT_RECORDS)).isLessThan(counter(end, EngineCounters.COMBINE_INPUT_RECORDS));
    }

    @Test
    void crlfLineEndsNeverReachTheMapper() throws Exception {
        Job job = lineCount(corpus.resolve("c-crlf.txt"), newOutput(), 10_000);
        runOk(job);
        List<List<String>> parts = Outputs.parts(job.output(), 2);
        assertThat(parts).isEqualTo(SequentialRunner.run(job));
        parts.forEach(p -> assertThat(p).noneMatch(line -> line.contains("\r")));
    }

    @Test
    void emptyInputGivesEmptyParts() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty-input"));
        Files.createFile(empty.resolve("empty.txt"));
        Job job = wordCount(empty, newOutput(), 3, 1024).build();
        JobStatus end = runOk(job);
        assertThat(end.getProgress().getMapsTotal()).isZero();
        assertThat(Outputs.parts(job.output(), 3)).containsExactly(List.of(), List.of(), List.of());
    }

    @Test
    void fileOfExactlyFourSplits() throws Exception {
        Path input = dir.resolve("exact/lines.txt");
        Files.createDirectories(input.getParent());
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            text.append(String.format("line %058d%n", i % 10)); // 64 bytes with its \n
        }
        Files.writeString(input, text);
        assertThat(Files.size(input)).isEqualTo(4 * 1024);
        Job job = lineCount(input, newOutput(), 1024);
        JobStatus end = runOk(job);
        assertThat(end.getProgress().getMapsTotal()).isEqualTo(4);
        assertThat(Outputs.parts(job.output(), 2)).isEqualTo(SequentialRunner.run(job));
        assertThat(counter(end, EngineCounters.MAP_INPUT_RECORDS)).isEqualTo(64);
    }

    @Test
    void linesAcrossSplitBoundariesAreReadOnce() throws Exception {
        Random random = new Random(7);
        StringBuilder text = new StringBuilder();
        int lines = 2000;
        for (int i = 0; i < lines; i++) {
            text.append("L").append(i % 97).append("x".repeat(random.nextInt(700))).append('\n');
        }
        Path input = dir.resolve("long-lines.txt");
        Files.writeString(input, text);
        Job job = lineCount(input, newOutput(), 256);
        JobStatus end = runOk(job);
        assertThat(end.getProgress().getMapsTotal()).isGreaterThan(100);
        assertThat(counter(end, EngineCounters.MAP_INPUT_RECORDS)).isEqualTo(lines);
        assertThat(Outputs.parts(job.output(), 2)).isEqualTo(SequentialRunner.run(job));
    }

    @Test
    void aMapperThatFailsOnceIsRetriedAndCountedOnce() throws Exception {
        Job job = wordCount(corpus, newOutput(), 3, 64 * 1024).mapper(FailFirstAttemptMapper.class).build();
        Job clean = wordCount(corpus, newOutput(), 3, 64 * 1024).build();
        JobStatus end = runOk(job);
        JobStatus cleanEnd = runOk(clean);
        assertThat(Outputs.parts(job.output(), 3)).isEqualTo(Outputs.parts(clean.output(), 3));
        assertThat(counter(end, EngineCounters.MAP_INPUT_RECORDS)).isEqualTo(counter(cleanEnd, EngineCounters.MAP_INPUT_RECORDS));
        assertThat(counter(end, EngineCounters.MAP_OUTPUT_RECORDS)).isEqualTo(counter(cleanEnd, EngineCounters.MAP_OUTPUT_RECORDS));
    }

    @Test
    void aMapperThatAlwaysFailsEndsTheJobCleanly() throws Exception {
        Path out = newOutput();
        Job job = wordCount(corpus, out, 2, 64 * 1024).mapper(FailingMapper.class).build();
        JobStatus end = cluster.run(job, s -> {});
        assertThat(end.getState()).isEqualTo(JobStatus.State.FAILED);
        assertThat(end.getError().getMessage()).contains("failed 4 attempts").contains("probe: this mapper always fails");
        assertThat(end.getError().getDetail()).contains("IllegalStateException").contains(FailingMapper.class.getName() + ".map");
        assertThat(out).doesNotExist();
        assertWorkDirsClean(end.getJobId());
    }

    @Test
    void aReducerThatAlwaysFailsEndsTheJobCleanly() throws Exception {
        Path out = newOutput();
        Job job = wordCount(corpus, out, 3, 64 * 1024).reducer(FailingReducer.class).build();
        JobStatus end = cluster.run(job, s -> {});
        assertThat(end.getState()).isEqualTo(JobStatus.State.FAILED);
        assertThat(end.getError().getMessage()).matches("task r-0000\\d failed 4 attempts.*").contains("probe: this reducer always fails");
        assertThat(end.getError().getDetail()).contains("ArithmeticException").contains(FailingReducer.class.getName() + ".reduce");
        assertThat(out).doesNotExist();
        assertWorkDirsClean(end.getJobId());
    }

    @Test
    void twoJobsOneAfterAnotherOnOneCluster() throws Exception {
        Job first = wordCount(corpus, newOutput(), 2, 64 * 1024).build();
        Job second = lineCount(corpus, newOutput(), 64 * 1024);
        JobStatus a = runOk(first);
        JobStatus b = runOk(second);
        assertThat(a.getJobId()).isNotEqualTo(b.getJobId());
        assertThat(Outputs.parts(first.output(), 2)).isEqualTo(SequentialRunner.run(first));
        assertThat(Outputs.parts(second.output(), 2)).isEqualTo(SequentialRunner.run(second));
    }

    /** WordCount without a combiner, so every record goes through the spills and merges as written. */
    private static Job uncombined(Path output, String sortBuffer) {
        Job.Builder b = Job.builder("wordcount-uncombined").input(corpus).mapper(WordCount.TokenizerMapper.class)
                .reducer(WordCount.SumReducer.class).mapOutput(String.class, Long.class).reducers(3).output(output)
                .set(EngineOptions.SPLIT_SIZE, Long.toString(256 * 1024));
        return sortBuffer == null ? b.build() : b.set(EngineOptions.SORT_BUFFER, sortBuffer).build();
    }

    @Test
    void aTinySortBufferGivesTheSameBytesAsNoSpillAndRunsRepeatExactly() throws Exception {
        Job roomy = uncombined(newOutput(), null);
        Job tiny = uncombined(newOutput(), "4096");
        Job again = uncombined(newOutput(), "4096");
        JobStatus big = runOk(roomy);
        JobStatus small = runOk(tiny);
        runOk(again);

        assertThat(counter(big, EngineCounters.SPILLS)).isEqualTo(big.getProgress().getMapsTotal());
        assertThat(counter(small, EngineCounters.SPILLS)).isGreaterThan(64L * small.getProgress().getMapsTotal());
        assertThat(counter(small, EngineCounters.MERGE_PASSES)).isGreaterThan(counter(big, EngineCounters.MERGE_PASSES));
        for (int r = 0; r < 3; r++) {
            String part = String.format("part-r-%05d", r);
            byte[] expected = Files.readAllBytes(roomy.output().resolve(part));
            assertThat(Files.readAllBytes(tiny.output().resolve(part))).as(part + " with a 4 KiB sort buffer").isEqualTo(expected);
            assertThat(Files.readAllBytes(again.output().resolve(part))).as(part + " run again").isEqualTo(expected);
        }
        assertThat(Outputs.parts(roomy.output(), 3)).isEqualTo(SequentialRunner.run(roomy));
        assertWorkDirsClean(small.getJobId());
    }

    @Test
    void executorsDeleteAJobsFilesWhenItEnds() throws Exception {
        JobStatus end = runOk(wordCount(corpus, newOutput(), 2, 64 * 1024).build());
        assertWorkDirsClean(end.getJobId());
    }

    private static void assertWorkDirsClean(String jobId) throws InterruptedException {
        List<Path> jobDirs = new ArrayList<>();
        for (int i = 0; i < cluster.executors().size(); i++) {
            jobDirs.add(cluster.executorWorkDir(i).resolve("jobs").resolve(jobId));
        }
        Wait.until("the executors to delete the files of " + jobId, Duration.ofSeconds(10),
                () -> jobDirs.stream().noneMatch(Files::exists));
    }

    /** WordCount's own job (Text lines and keys) writes the same part files as the String mapper, and the oracles' counts. */
    @Test
    void textWordCountWritesWhatTheStringOneWritesAndEqualsTheOracles() throws Exception {
        Job text = Job.builder("wordcount-text").input(corpus).mapper(WordCount.TextTokenizerMapper.class)
                .combiner(WordCount.TextSumReducer.class).reducer(WordCount.TextSumReducer.class)
                .mapOutput(dev.quern.api.Text.class, Long.class).reducers(3).output(newOutput())
                .set(EngineOptions.SPLIT_SIZE, Long.toString(64 * 1024)).build();
        Job string = wordCount(corpus, newOutput(), 3, 64 * 1024).build();
        runOk(text);
        runOk(string);

        List<List<String>> parts = Outputs.parts(text.output(), 3);
        assertThat(parts).isEqualTo(Outputs.parts(string.output(), 3)).isEqualTo(SequentialRunner.run(text));
        Map<String, Long> engine = new TreeMap<>();
        parts.forEach(p -> p.forEach(line -> engine.put(line.substring(0, line.indexOf('\t')),
                Long.parseLong(line.substring(line.indexOf('\t') + 1)))));
        assertThat(engine).isEqualTo(plainJavaCount(corpus));
    }

    /**
     * On bytes that are not UTF-8, WordCount (Text in, Text out) writes what the Unix pipeline it
     * imitates writes, byte for byte: malformed words are neither merged nor rewritten as U+FFFD.
     */
    @Test
    void wordCountOfMalformedBytesEqualsTrSortUniq() throws Exception {
        Path input = dir.resolve("malformed.txt");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        Random random = new Random(5);
        byte[][] words = {"caf\u00e9".getBytes(StandardCharsets.UTF_8), {'c', 'a', 'f', (byte) 0xe9}, {(byte) 0xff},
            {(byte) 0xfe}, {'a', (byte) 0xc3}, {'a', (byte) 0xc3, (byte) 0xa9}, "plain".getBytes(StandardCharsets.UTF_8)};
        for (int i = 0; i < 20_000; i++) {
            bytes.writeBytes(words[random.nextInt(words.length)]);
            bytes.write(i % 9 == 8 ? '\n' : random.nextInt(10) == 0 ? '\t' : ' ');
        }
        Files.write(input, bytes.toByteArray());
        Path output = newOutput();
        runOk(WordCount.job(List.of(input.toString(), output.toString()), 2));

        byte[] engine = sh("cat " + output + "/part-r-* | LC_ALL=C sort");
        byte[] unix = sh("tr -s '[:space:]' '\\n' < " + input
                + " | grep -av '^$' | LC_ALL=C sort | uniq -c | awk '{print $2 \"\\t\" $1}' | LC_ALL=C sort");
        assertThat(new String(engine, StandardCharsets.ISO_8859_1).lines()).hasSize(words.length);
        assertThat(engine).isEqualTo(unix);
    }

    private static byte[] sh(String command) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", "set -o pipefail; " + command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).as("exit of: %s", command).isZero();
        return out;
    }
}
