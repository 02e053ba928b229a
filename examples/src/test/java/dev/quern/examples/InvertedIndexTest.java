package dev.quern.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.proto.JobStatus;
import dev.quern.testing.ClusterFixture;
import dev.quern.testing.Outputs;
import dev.quern.testing.Shell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@code invertedindex} on the embedded cluster against a {@code tr | sort -u} pipeline per document. */
class InvertedIndexTest extends ClusterFixture {

    /** word TAB doc,doc,... from every file of {@code docs}, by the Unix tools alone. */
    static List<String> unix(Path docs) throws Exception {
        return sortedByBytes(Shell.lines(dir, "for f in " + Shell.quote(docs) + "/*; do d=$(basename \"$f\");"
                + " tr -s '[:space:]' '\\n' < \"$f\" | { grep -v '^$' || true; } | LC_ALL=C sort -u | awk -v d=\"$d\" '{print $0 \"\\t\" d}';"
                + " done | LC_ALL=C sort -t \"$(printf '\\t')\" -k1,1 -k2,2"
                + " | awk -F'\\t' '$1 != w { if (n) print w \"\\t\" l; w = $1; l = $2; n = 1; next } { l = l \",\" $2 } END { if (n) print w \"\\t\" l }'"));
    }

    @Test
    void aFewDocumentsByHand() throws Exception {
        Path docs = dir.resolve("docs-hand");
        write(docs.resolve("b.txt"), "the cat\nthe hat\r\n");
        write(docs.resolve("a.txt"), "the  dog\tate\n\nthe cat\n");
        write(docs.resolve("c.txt"), "é cat");
        Path out = newOutput();
        runOk(InvertedIndex.job(List.of(docs), out, 2));
        List<String> expected = List.of("ate\ta.txt", "cat\ta.txt,b.txt,c.txt", "dog\ta.txt", "hat\tb.txt", "the\ta.txt,b.txt", "é\tc.txt");
        assertThat(unix(docs)).isEqualTo(expected);
        assertThat(allLinesSorted(out, 2)).isEqualTo(expected);
        Outputs.assertSortedAndPartitioned(Outputs.parts(out, 2));
    }

    @Test
    void twoHundredSmallDocumentsMakeOneMapTask() throws Exception {
        Path docs = dir.resolve("docs-many");
        Random random = new Random(6);
        for (int i = 0; i < 200; i++) {
            StringBuilder text = new StringBuilder();
            for (int w = random.nextInt(40); w > 0; w--) {
                text.append("w").append(random.nextInt(60)).append(random.nextInt(5) == 0 ? "\n" : " ");
            }
            write(docs.resolve(String.format("doc-%03d.txt", i)), text.toString());
        }
        Path out = newOutput();
        JobStatus end = runOk(InvertedIndex.job(List.of(docs), out, 3));
        assertThat(end.getProgress().getMapsTotal()).as("200 files of under 300 bytes, packed into 64 MiB splits").isEqualTo(1);
        assertThat(allLinesSorted(out, 3)).isEqualTo(unix(docs)).hasSizeGreaterThan(50);
    }

    @Test
    void anEmptyDocumentGivesAnEmptyIndex() throws Exception {
        Path docs = Files.createDirectories(dir.resolve("docs-empty"));
        Files.createFile(docs.resolve("empty.txt"));
        Path out = newOutput();
        runOk(InvertedIndex.job(List.of(docs), out, 1));
        assertThat(unix(docs)).isEmpty();
        assertThat(allLinesSorted(out, 1)).isEmpty();
    }
}
