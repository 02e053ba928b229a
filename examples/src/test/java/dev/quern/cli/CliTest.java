package dev.quern.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.examples.probes.FailingWordCount;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
    }
}
