package dev.quern.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.api.Job;
import dev.quern.api.Workflow;
import dev.quern.examples.probes.FailingReducer;
import dev.quern.examples.probes.LineCountMapper;
import dev.quern.local.LocalCluster;
import dev.quern.proto.Counter;
import dev.quern.proto.JobStatus;
import dev.quern.testing.Outputs;
import dev.quern.testing.Shell;
import dev.quern.workflow.StepResult;
import dev.quern.workflow.StepResult.Outcome;
import dev.quern.workflow.WorkflowListener;
import dev.quern.workflow.WorkflowResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code topurls} on a real embedded cluster, compared with the Unix pipeline it imitates (ties
 * broken by URL, as {@code sort -k1,1nr -k2,2} does), whose {@code uniq -c} lines
 * ({@code "      3 /a"}) are reformatted to {@code count<TAB>url}.
 */
class TopUrlsTest {

    private static final AtomicInteger OUTPUTS = new AtomicInteger();

    @TempDir
    static Path dir;
    static TestingServer zk;
    static LocalCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        zk = new TestingServer();
        cluster = LocalCluster.builder().executors(2).zookeeper(zk.getConnectString())
                .workDir(dir.resolve("cluster")).jobTimeout(Duration.ofMinutes(2)).start();
    }

    @AfterAll
    static void stop() throws Exception {
        cluster.close();
        zk.close();
    }

    private static Path newOutput() {
        return dir.resolve("out-" + OUTPUTS.incrementAndGet());
    }

    /** The oracle: the task's pipeline over a log file (or every file of a directory), as {@code count<TAB>url}. */
    static List<String> unix(Path log, int top) throws Exception {
        assertThat(log).exists();
        String input = Files.isDirectory(log) ? Shell.quote(log) + "/*" : Shell.quote(log);
        return Shell.lines(log.toAbsolutePath().getParent(), "awk '{print $7}' " + input
                + " | LC_ALL=C sort | uniq -c | LC_ALL=C sort -k1,1nr -k2,2 | head -n " + top + " | awk '{print $1 \"\\t\" $2}'");
    }

    private static WorkflowResult run(Workflow flow, List<String> started) throws Exception {
        return cluster.run(flow, new WorkflowListener() {
            @Override
            public void started(Workflow.Step step, String jobId) {
                started.add(step.job().name());
            }
        });
    }

    private static WorkflowResult runOk(Workflow flow) throws Exception {
        WorkflowResult result = run(flow, Collections.synchronizedList(new ArrayList<>()));
        assertThat(result.succeeded()).as("%s", result.firstFailure().map(StepResult::reason)).isTrue();
        return result;
    }

    private static List<String> output(Path out) throws Exception {
        return Outputs.parts(out, 1).get(0);
    }

    private static long counter(JobStatus s, String group, String name) {
        return s.getCountersList().stream().filter(c -> c.getGroup().equals(group) && c.getName().equals(name))
                .mapToLong(Counter::getValue).sum();
    }

    /** One combined-format request line for {@code url}; the blanks vary, as awk does not mind. */
    private static String request(String url, int i) {
        String gap = i % 3 == 0 ? " " : i % 3 == 1 ? "  " : " \t";
        return (i % 4 == 0 ? "  " : "") + "203.0.113." + i + gap + "-" + gap + "- [01/Jan/2025:00:00:0" + (i % 10) + " +0000]"
                + gap + "\"GET " + url + " HTTP/1.1\" 200 " + (100 + i) + " \"-\" \"curl/8.5.0\"";
    }

    /** A log made by hand: ties across the Nth place, short lines, awk's idea of a blank, non-ASCII. */
    static Path handMadeLog(Path file) throws Exception {
        List<String> lines = new ArrayList<>();
        int i = 0;
        for (String url : List.of("/b", "/b", "/b", "/b", "/a/b", "/a-b", "/a", "/B", "/a/b", "/a-b", "/a", "/B",
                "/a/b", "/a-b", "/a", "/B", "/z", "/é", "/z", "/é", "/~")) {
            lines.add(request(url, i++));
        }
        lines.add("");                                   // 0 fields: awk's $7 is empty
        lines.add("only three fields");
        lines.add("\t1 2 3 4 5 \t");                    // 5 fields, blanks around them
        lines.add("a b c d e f\f/q g");                 // \f is no blank to awk: $6 = "f\f/q", $7 = "g"
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    /** The whole ranking of {@link #handMadeLog}, worked out by hand. */
    static final List<String> HAND_MADE_RANKING = List.of(
            "4\t/b", "3\t", "3\t/B", "3\t/a", "3\t/a-b", "3\t/a/b", "2\t/z", "2\t/é", "1\t/~", "1\tg");

    private static Path handMadeLog() throws Exception {
        return handMadeLog(dir.resolve("hand-" + OUTPUTS.incrementAndGet() + ".log"));
    }

    @Test
    void aHandMadeLogWithTiesAtTheNthPlaceAndShortLines() throws Exception {
        Path log = handMadeLog();
        // Byte order breaks the ties: "" < "/B" < "/a" < "/a-b" < "/a/b", and "/z" < "/é" (0x7A < 0xC3).
        for (int top : new int[] {3, 5, 100}) {
            Path out = newOutput();
            WorkflowResult result = runOk(TopUrls.workflow(log, out, top, 2));
            List<String> expected = HAND_MADE_RANKING.subList(0, Math.min(top, HAND_MADE_RANKING.size()));
            assertThat(unix(log, top)).as("the pipeline, N = %d", top).isEqualTo(expected);
            assertThat(output(out)).as("topurls, N = %d", top).isEqualTo(expected);
            JobStatus count = result.steps().get(0).status().orElseThrow();
            assertThat(counter(count, TopUrls.COUNTERS, TopUrls.SHORT_LINES)).isEqualTo(3);
            assertThat(Outputs.parts(TopUrls.stepsDir(out).resolve("count-urls"), 2).stream().mapToInt(List::size).sum())
                    .isEqualTo(HAND_MADE_RANKING.size());
        }
    }

    @Test
    void aGeneratedLogEqualsThePipeline() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("generated"));
        Path gen = Path.of("../bench/gen.sh").toAbsolutePath();
        Map<String, String> env = Map.of("QUERN_BENCH_CLASSES", dir.resolve("gen-classes").toString());
        // Two files: two map tasks in the first job; three reducers: three map tasks in the second.
        Shell.lines(dir, Shell.quote(gen) + " AccessLog --bytes 600k --seed 7 --out " + Shell.quote(logs.resolve("a.log"))
                + " && " + Shell.quote(gen) + " AccessLog --bytes 300k --seed 8 --out " + Shell.quote(logs.resolve("b.log")), env);
        for (int top : new int[] {10, 300}) {
            Path out = newOutput();
            WorkflowResult result = runOk(TopUrls.workflow(logs, out, top, 3));
            assertThat(result.steps().get(0).status().orElseThrow().getProgress().getMapsTotal()).isEqualTo(2);
            assertThat(result.steps().get(1).status().orElseThrow().getProgress().getMapsTotal()).isEqualTo(3);
            List<String> expected = unix(logs, top);
            assertThat(expected).hasSize(top);
            assertThat(output(out)).isEqualTo(expected);
        }
    }

    @Test
    void anEmptyLogGivesAnEmptyList() throws Exception {
        Path log = Files.createFile(dir.resolve("empty.log"));
        Path out = newOutput();
        runOk(TopUrls.workflow(log, out, 5, 2));
        assertThat(unix(log, 5)).isEmpty();
        assertThat(output(out)).isEmpty();
    }

    @Test
    void aRerunAfterASuccessSkipsBothSteps() throws Exception {
        Path log = handMadeLog();
        Path out = newOutput();
        runOk(TopUrls.workflow(log, out, 3, 1));
        byte[] before = Files.readAllBytes(out.resolve("part-r-00000"));

        List<String> started = Collections.synchronizedList(new ArrayList<>());
        WorkflowResult again = run(TopUrls.workflow(log, out, 3, 1), started);
        assertThat(again.steps()).extracting(StepResult::outcome).containsExactly(Outcome.SKIPPED, Outcome.SKIPPED);
        assertThat(started).isEmpty();
        assertThat(Files.readAllBytes(out.resolve("part-r-00000"))).isEqualTo(before);
    }

    @Test
    void afterTheSecondJobFailsARerunRunsOnlyIt() throws Exception {
        Path log = handMadeLog();
        Path out = newOutput();
        Workflow good = TopUrls.workflow(log, out, 4, 2);
        Job count = good.steps().get(0).job();
        Job failing = Job.builder("top-urls").input(count.output()).mapper(LineCountMapper.class).reducer(FailingReducer.class)
                .mapOutput(String.class, Long.class).output(out).build();
        WorkflowResult first = run(Workflow.builder("topurls").step(count).step(failing, count).build(), new ArrayList<>());
        assertThat(first.steps()).extracting(StepResult::outcome).containsExactly(Outcome.SUCCEEDED, Outcome.FAILED);
        assertThat(first.steps().get(1).reason()).contains("probe: this reducer always fails");
        assertThat(out).doesNotExist();
        Path success = count.output().resolve("_SUCCESS");
        FileTime committed = Files.getLastModifiedTime(success);

        List<String> started = Collections.synchronizedList(new ArrayList<>());
        WorkflowResult rerun = run(good, started);
        assertThat(rerun.steps()).extracting(StepResult::outcome).containsExactly(Outcome.SKIPPED, Outcome.SUCCEEDED);
        assertThat(started).containsExactly("top-urls");
        assertThat(Files.getLastModifiedTime(success)).isEqualTo(committed);
        assertThat(output(out)).isEqualTo(unix(log, 4)).containsExactly("4\t/b", "3\t", "3\t/B", "3\t/a");
    }
}
