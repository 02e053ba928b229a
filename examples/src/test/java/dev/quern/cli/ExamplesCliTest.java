package dev.quern.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.examples.probes.CountingFailFirstAttempt;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The new examples through {@code mr local}, and user counters as the CLI prints them. */
class ExamplesCliTest {

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {}

    private static Run mr(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    private static long printed(String out, String counter) {
        Matcher m = Pattern.compile(Pattern.quote(counter) + "\\s+([0-9,]+)\\n").matcher(out);
        assertThat(m.find()).as("counter '%s' in:%n%s", counter, out).isTrue();
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    @Test
    void userCountersAreSummedOverSuccessfulAttemptsOnly() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("a.txt"), "one\ntwo\nthree\nfour\nfive\n");
        Files.writeString(in.resolve("b.txt"), "six\nseven\neight\n");
        Run run = mr("local", "--executors", "2", CountingFailFirstAttempt.class.getName(), in.toString(), dir.resolve("out").toString());
        assertThat(run.code()).as(run.err()).isZero();
        // Each map's first attempt counted 3 lines and failed; only the retries' 5 + 3 count.
        assertThat(printed(run.out(), CountingFailFirstAttempt.GROUP + ": " + CountingFailFirstAttempt.LINES)).isEqualTo(8);
        assertThat(printed(run.out(), "map input records")).isEqualTo(8);
    }

    @Test
    void joinPrintsItsCountersGroupedAfterTheEngines() throws Exception {
        Path events = Files.writeString(dir.resolve("events.tsv"), "u1\t/a\nu2\t/b\nu9\t/c\nu9\t/d\n");
        Path users = Files.writeString(dir.resolve("users.tsv"), "u1\t1984\nu2\t1990\nu3\t2001\n");
        Path out = dir.resolve("out");
        Run run = mr("local", "--reducers", "2", "join", events.toString(), users.toString(), out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("(?s)reduce output records\\s+2\\n.*"
                + "join: duplicate profiles\\s+0\\n  join: events without a profile\\s+2\\n  join: profiles without events\\s+1\\n");
        String all = Files.readString(out.resolve("part-r-00000")) + Files.readString(out.resolve("part-r-00001"));
        assertThat(all.lines().sorted()).containsExactly("u1\t/a\t1984", "u2\t/b\t1990");
    }

    @Test
    void eachNewExampleRunsByNameAndRefusesBadArguments() throws Exception {
        Path text = Files.writeString(dir.resolve("t.txt"), "b x\na\nb x\n");
        Run grep = mr("local", "grep", "x$", text.toString(), dir.resolve("g").toString());
        assertThat(grep.code()).as(grep.err()).isZero();
        assertThat(Files.readString(dir.resolve("g/part-r-00000"))).isEqualTo("b x\t2\n");
        Run pi = mr("local", "pi", "2", "1000", dir.resolve("p").toString());
        assertThat(pi.code()).as(pi.err()).isZero();
        assertThat(Files.readString(dir.resolve("p/part-r-00000"))).startsWith("inside\t").contains("samples\t1000\npi\t3.");
        Run index = mr("local", "invertedindex", text.toString(), dir.resolve("i").toString());
        assertThat(index.code()).as(index.err()).isZero();
        assertThat(Files.readString(dir.resolve("i/part-r-00000"))).isEqualTo("a\tt.txt\nb\tt.txt\nx\tt.txt\n");

        Run badRegex = mr("local", "grep", "a[", text.toString(), dir.resolve("g2").toString());
        assertThat(badRegex.code()).isEqualTo(2);
        assertThat(badRegex.err()).contains("'a['").contains("usage: grep");
        Run badJoin = mr("local", "pagedemographics", text.toString(), dir.resolve("d").toString());
        assertThat(badJoin.code()).isEqualTo(2);
        assertThat(badJoin.err()).contains("usage: pagedemographics EVENTS USERS OUT");
        assertThat(dir.resolve("g2")).doesNotExist();
    }
}
