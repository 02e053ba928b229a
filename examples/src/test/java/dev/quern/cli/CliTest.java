package dev.quern.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.examples.TopUrls;
import dev.quern.examples.probes.ChainWithFailingStep;
import dev.quern.examples.probes.FailingMapper;
import dev.quern.examples.probes.FailingWordCount;
import dev.quern.testing.Shell;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mr local} as a user runs it: exit codes, messages, and what is left in OUT. */
class CliTest {

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {}

    private static Run mr(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    private Path input() throws Exception {
        Path in = dir.resolve("in.txt");
        Files.writeString(in, "the cat\nthe hat\r\nsat on the mat\n");
        return in;
    }

    @Test
    void wordCountPrintsCountersAndWritesTheOutput() throws Exception {
        Path out = dir.resolve("out");
        Run run = mr("local", "--executors", "2", "--reducers", "2", "wordcount", input().toString(), out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("SUCCEEDED").contains("map input records").contains("shuffle bytes")
                .containsPattern("reduce output records\\s+6");
        assertThat(run.err()).contains("map 1/1").doesNotContain("Exception");
        assertThat(out.resolve("_SUCCESS")).exists();
        String all = Files.readString(out.resolve("part-r-00000")) + Files.readString(out.resolve("part-r-00001"));
        assertThat(all.lines().sorted()).containsExactly("cat\t1", "hat\t1", "mat\t1", "on\t1", "sat\t1", "the\t3");
    }

    @Test
    void dashDOptionsReachTheJobAndBadOnesAreRefusedBeforeAnythingRuns() throws Exception {
        // 30,000 words of 400: with a 16 KiB sort buffer and no early combine, the maps must spill many times.
        Random random = new Random(5);
        StringBuilder text = new StringBuilder();
        Map<String, Long> expected = new TreeMap<>();
        for (int i = 0; i < 30_000; i++) {
            String word = "w" + random.nextInt(400);
            text.append(word).append(i % 12 == 11 ? '\n' : ' ');
            expected.merge(word, 1L, Long::sum);
        }
        Path in = Files.writeString(dir.resolve("words.txt"), text);
        Path out = dir.resolve("out");

        Run bad = mr("local", "-D", "quern.map.sort-buffer=abc", "-Dquern.map.sortbuffer=5", "wordcount", in.toString(), out.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("quern.map.sort-buffer").contains("'abc'").contains("unknown option quern.map.sortbuffer='5'");
        assertThat(out).doesNotExist();
        // mr submit checks them the same way, before it looks for a cluster (none listens on port 1).
        Run submit = mr("submit", "--zk", "127.0.0.1:1", "-D", "quern.map.spill-percent=80", "wordcount", in.toString(), out.toString());
        assertThat(submit.code()).isEqualTo(2);
        assertThat(submit.err()).contains("mr submit: -D unknown option quern.map.spill-percent='80'");

        Run run = mr("local", "-D", "quern.map.sort-buffer=16384", "-Dquern.map.eager-combine=false", "wordcount",
                in.toString(), out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        Matcher spills = Pattern.compile("spills\\s+(\\d+)").matcher(run.out());
        assertThat(spills.find()).as(run.out()).isTrue();
        assertThat(Long.parseLong(spills.group(1))).as("spills with a 16 KiB buffer").isGreaterThan(5);
        assertThat(Files.readAllLines(out.resolve("part-r-00000")))
                .containsExactlyElementsOf(expected.entrySet().stream().map(e -> e.getKey() + "\t" + e.getValue()).toList());
    }

    @Test
    void aMissingInputIsNamedAndExitsTwo() {
        Path missing = dir.resolve("no-such-file.txt");
        Run run = mr("local", "wordcount", missing.toString(), dir.resolve("out").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("input path " + missing + " does not exist");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void anExistingOutputIsRefusedAndLeftUntouched() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("precious.txt"), "keep me");
        Run run = mr("local", "wordcount", input().toString(), out.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("output directory " + out + " already exists");
        try (var files = Files.list(out)) {
            assertThat(files).containsExactly(out.resolve("precious.txt"));
        }
        assertThat(Files.readString(out.resolve("precious.txt"))).isEqualTo("keep me");
    }

    @Test
    void aFailingJobPrintsTheUsersExceptionAndExitsOne() throws Exception {
        Path out = dir.resolve("out");
        Run run = mr("local", FailingWordCount.class.getName(), input().toString(), out.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("FAILED").contains("java.lang.IllegalStateException: probe: this mapper always fails")
                .contains("at dev.quern.examples.probes.FailingMapper.map(");
        assertThat(out).doesNotExist();
    }

    @Test
    void anUnknownJobAndBadUsageExitTwo() {
        Run unknown = mr("local", "no-such-job", "a", "b");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown job 'no-such-job'").contains("wordcount");
        assertThat(mr("local", "wordcount", "only-one-arg").code()).isEqualTo(2);
        assertThat(mr("local", "--reducers", "zero", "wordcount", "a", "b").code()).isEqualTo(2);
        assertThat(mr().code()).isEqualTo(2);
        Run notATool = mr("local", FailingMapper.class.getName(), "a", "b");
        assertThat(notATool.code()).isEqualTo(2);
        assertThat(notATool.err()).contains("class " + FailingMapper.class.getName() + " does not implement dev.quern.api.Tool");
    }

    // ---- chains of jobs ----

    private Path log() throws Exception {
        Path log = dir.resolve("access.log");
        Files.writeString(log, String.join("\n",
                "1.2.3.4 - - [01/Jan/2025:00:00:00 +0000] \"GET /a HTTP/1.1\" 200 5 \"-\" \"curl\"",
                "1.2.3.4 - - [01/Jan/2025:00:00:01 +0000] \"GET /b HTTP/1.1\" 200 5 \"-\" \"curl\"",
                "1.2.3.4 - - [01/Jan/2025:00:00:02 +0000] \"GET /b HTTP/1.1\" 404 5 \"-\" \"curl\"",
                "1.2.3.4 - - [01/Jan/2025:00:00:03 +0000] \"GET /c HTTP/1.1\" 200 5 \"-\" \"curl\"",
                "short line") + "\n");
        return log;
    }

    /** The pipeline topurls imitates, as count<TAB>url lines. */
    private List<String> unixTop(Path log, int top) throws Exception {
        return Shell.lines(dir, "awk '{print $7}' " + Shell.quote(log) + " | LC_ALL=C sort | uniq -c"
                + " | LC_ALL=C sort -k1,1nr -k2,2 | head -n " + top + " | awk '{print $1 \"\\t\" $2}'");
    }

    @Test
    void topUrlsPrintsALinePerStepThenTheCountersOfEachJob() throws Exception {
        Path out = dir.resolve("top");
        Run run = mr("local", "--reducers", "2", "topurls", log().toString(), out.toString(), "--top", "2");
        assertThat(run.code()).as(run.err()).isZero();
        Path counts = dir.resolve("top.steps/count-urls");
        assertThat(run.out()).containsPattern("step 1/2 count-urls: job-\\d+ started")
                .containsPattern("step 1/2 count-urls: job-\\d+ SUCCEEDED in [0-9.]+ s, output in " + counts)
                .containsPattern("step 2/2 top-urls: job-\\d+ started")
                .containsPattern("step 2/2 top-urls: job-\\d+ SUCCEEDED in [0-9.]+ s, output in " + out)
                .contains("workflow topurls SUCCEEDED in").contains("2 steps run, 0 skipped")
                .containsPattern("counters of count-urls \\(job-\\d+\\):")
                .containsPattern("topurls: lines with fewer than 7 fields\\s+1\\n")
                .containsPattern("counters of top-urls \\(job-\\d+\\):");
        assertThat(run.out().indexOf("step 2/2 top-urls")).isGreaterThan(run.out().indexOf("step 1/2 count-urls: job"));
        assertThat(run.err()).contains("map 1/1").doesNotContain("Exception");
        assertThat(Files.readAllLines(out.resolve("part-r-00000"))).containsExactly("2\t/b", "1\t").isEqualTo(unixTop(log(), 2));
        assertThat(counts.resolve("_SUCCESS")).exists();
    }

    @Test
    void aRerunAfterSuccessIsRefusedAndAfterDeletingOutOnlyTheLastStepRuns() throws Exception {
        Path out = dir.resolve("top");
        assertThat(mr("local", "topurls", log().toString(), out.toString()).code()).isZero();
        Path success = dir.resolve("top.steps/count-urls/_SUCCESS");
        FileTime committed = Files.getLastModifiedTime(success);
        List<String> top = Files.readAllLines(out.resolve("part-r-00000"));

        Run again = mr("local", "topurls", log().toString(), out.toString());
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("output directory " + out + " already exists (a complete output, with _SUCCESS)");
        assertThat(again.out()).isEmpty();
        assertThat(Files.readAllLines(out.resolve("part-r-00000"))).isEqualTo(top);

        Files.delete(out.resolve("part-r-00000"));
        Files.delete(out.resolve("_SUCCESS"));
        Files.delete(out);
        Run rerun = mr("local", "topurls", log().toString(), out.toString());
        assertThat(rerun.code()).as(rerun.err()).isZero();
        assertThat(rerun.out()).contains("step 1/2 count-urls: skipped, " + success.getParent() + " is complete (_SUCCESS exists)")
                .containsPattern("step 2/2 top-urls: job-\\d+ SUCCEEDED").contains("1 steps run, 1 skipped")
                .doesNotContain("counters of count-urls");
        assertThat(Files.getLastModifiedTime(success)).isEqualTo(committed);
        assertThat(Files.readAllLines(out.resolve("part-r-00000"))).isEqualTo(top).isEqualTo(unixTop(log(), 5));
    }

    @Test
    void aFailingStepExitsOneAndTheStepsAfterItAreNotRun() throws Exception {
        Path out = dir.resolve("chain");
        Run run = mr("local", ChainWithFailingStep.class.getName(), input().toString(), out.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).containsPattern("step 1/3 wordcount: job-\\d+ SUCCEEDED")
                .containsPattern("step 2/3 fails: job job-\\d+ FAILED: task r-00000 failed 4 attempts")
                .contains("step 3/3 lines: not run (step 'fails' FAILED)")
                .containsPattern("counters of fails \\(job-\\d+\\):")
                .doesNotContain("counters of lines").doesNotContain("workflow chain-with-failing-step SUCCEEDED");
        assertThat(run.err()).contains("java.lang.ArithmeticException: probe: this reducer always fails")
                .contains("mr: workflow chain-with-failing-step stopped at step 'fails' (FAILED); 1 later step not run");
        assertThat(dir.resolve("chain.steps/words/_SUCCESS")).exists();
        assertThat(dir.resolve("chain.steps/fails")).doesNotExist();
        assertThat(out).doesNotExist();
    }

    @Test
    void chainChecksBeforeStartingOnlyInputsNoStepWritesAndNamesAnIncompleteStepOutput() throws Exception {
        Path missing = dir.resolve("no-such.log");
        Run noLog = mr("local", "topurls", missing.toString(), dir.resolve("top").toString());
        assertThat(noLog.code()).isEqualTo(2);
        assertThat(noLog.err()).isEqualTo("mr: input path " + missing + " does not exist (read by step 'count-urls')\n");
        assertThat(dir.resolve("top.steps")).doesNotExist();

        Path counts = Files.createDirectories(dir.resolve("top.steps/count-urls"));
        Files.writeString(counts.resolve("part-r-00000"), "/a\t1\n");
        Run blocked = mr("local", "topurls", log().toString(), dir.resolve("top").toString());
        assertThat(blocked.code()).isEqualTo(2);
        assertThat(blocked.err()).contains("output directory " + counts + " already exists and holds no _SUCCESS");
        assertThat(Files.readString(counts.resolve("part-r-00000"))).isEqualTo("/a\t1\n");
        assertThat(dir.resolve("top")).doesNotExist();
    }

    @Test
    void badArgumentsShowTheToolsUsage() throws Exception {
        for (List<String> args : List.of(List.of("only-one"), List.of("a", "b", "c"), List.of("a", "b", "--top", "0"),
                List.of("a", "b", "--top"), List.of("a", "b", "--top=many"), List.of("a", "b", "--bottom", "3"))) {
            List<String> all = new java.util.ArrayList<>(List.of("local", "topurls"));
            all.addAll(args);
            Run run = mr(all.toArray(String[]::new));
            assertThat(run.code()).as("%s", args).isEqualTo(2);
            assertThat(run.err()).as("%s", args).startsWith("mr: topurls: ").contains(TopUrls.USAGE);
        }
        assertThat(mr("local", "wordcount", "only-one").err()).contains("usage: wordcount IN... OUT");
    }
}
