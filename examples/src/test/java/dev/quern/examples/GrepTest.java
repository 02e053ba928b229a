package dev.quern.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quern.proto.JobStatus;
import dev.quern.testing.ClusterFixture;
import dev.quern.testing.Outputs;
import dev.quern.testing.Shell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code grep} on the embedded cluster against {@code grep -E | sort | uniq -c}. */
class GrepTest extends ClusterFixture {

    private static final String TEXT_A = String.join("\n",
            "the cat sat", "the cat sat", "  the cat sat", "a dog ran on", "", "", "the\tend", "moon", "noon",
            "the cat sat", "é is not e", "a dog ran on", "nothing here", "") + "\n";
    private static final String TEXT_B = String.join("\n",
            "moon", "the cat sat", "soon", "", "ça va", "a", "the") + "\n";

    private static List<String> unix(String pattern, Path... files) throws Exception {
        StringBuilder args = new StringBuilder();
        for (Path f : files) {
            args.append(' ').append(Shell.quote(f));
        }
        return sortedByBytes(Shell.lines(dir, "grep -E -h -e '" + pattern + "'" + args + " | LC_ALL=C sort | uniq -c | " + UNIQ_TO_TAB));
    }

    @Test
    void countsTheMatchingLinesAsThePipelineDoes() throws Exception {
        Path a = write(dir.resolve("grep/a.txt"), TEXT_A);
        Path b = write(dir.resolve("grep/b.txt"), TEXT_B);
        for (String pattern : List.of("^(the|a) ", "o+n$", "é|ç", "^$", "cat|dog", "zebra")) {
            Path out = newOutput();
            JobStatus end = runOk(Grep.job(pattern, List.of(a.getParent()), out, 2));
            List<String> expected = unix(pattern, a, b);
            assertThat(allLinesSorted(out, 2)).as("pattern %s", pattern).isEqualTo(expected);
            assertSortedAndPartitionedByLastTab(Outputs.parts(out, 2));
            long matches = expected.stream().mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf('\t') + 1))).sum();
            assertThat(counter(end, Grep.COUNTERS, Grep.MATCHING_LINES)).as("grep -c, pattern %s", pattern).isEqualTo(matches);
        }
        // The oracle itself, checked by hand once.
        assertThat(unix("^(the|a) ", a, b)).containsExactly("a dog ran on\t2", "the cat sat\t4");
    }

    @Test
    void anEmptyInputMatchesNothing() throws Exception {
        Path empty = Files.createFile(dir.resolve("grep-empty.txt"));
        Path out = newOutput();
        runOk(Grep.job(".*", List.of(empty), out, 1));
        assertThat(unix(".*", empty)).isEmpty();
        assertThat(allLinesSorted(out, 1)).isEmpty();
    }

    @Test
    void aBadPatternIsRefusedWithItsName() {
        assertThatThrownBy(() -> new Grep().plan(List.of("(unclosed", "in", "out"), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'(unclosed'").hasMessageContaining(Grep.USAGE);
        assertThatThrownBy(() -> new Grep().plan(List.of("x", "out"), 1)).hasMessageContaining(Grep.USAGE);
    }
}
