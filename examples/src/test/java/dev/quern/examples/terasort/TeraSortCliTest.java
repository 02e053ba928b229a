package dev.quern.examples.terasort;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** teragen, sort and teravalidate as a user runs them: {@code mr local JOB ARGS}. */
class TeraSortCliTest {

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {}

    private static Run mr(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void generateSortAndValidate() throws Exception {
        Path gen = dir.resolve("gen");
        Path sorted = dir.resolve("sorted");
        Path report = dir.resolve("report");

        Run g = mr("local", "teragen", "3k", gen.toString());
        assertThat(g.code()).as(g.err()).isZero();
        assertThat(g.out()).containsPattern("map input records\\s+3,000").containsPattern("output bytes\\s+300,000");
        Run s = mr("local", "--reducers", "3", "sort", gen.toString(), sorted.toString());
        assertThat(s.code()).as(s.err()).isZero();
        Run v = mr("local", "teravalidate", sorted.toString(), report.toString());
        assertThat(v.code()).as(v.err()).isZero();

        List<byte[]> records = TeraData.rows(TeraRecords.DEFAULT_SEED, 0, 3000);
        assertThat(TeraData.concat(TeraData.read(gen))).isEqualTo(TeraData.concat(records));
        assertThat(TeraData.concat(TeraData.read(sorted))).isEqualTo(TeraData.concat(TeraData.sorted(records)));
        assertThat(Files.readAllLines(report.resolve("part-r-00000")))
                .containsExactly("records\t3000", "checksum\t" + TeraData.checksum(records), "unsorted\t0");
    }

    @Test
    void badArgumentsShowTheUsageAndExitTwo() {
        Run few = mr("local", "sort", dir.resolve("in").toString());
        assertThat(few.code()).isEqualTo(2);
        assertThat(few.err()).contains(TeraSort.USAGE);

        Path missing = dir.resolve("no-such-input");
        Run absent = mr("local", "sort", missing.toString(), dir.resolve("out").toString());
        assertThat(absent.code()).isEqualTo(2);
        assertThat(absent.err()).contains("input path " + missing + " does not exist");
        assertThat(dir.resolve("out")).doesNotExist();

        Run rows = mr("local", "teragen", "many", dir.resolve("out").toString());
        assertThat(rows.code()).isEqualTo(2);
        assertThat(rows.err()).contains("'many'").contains(TeraGen.USAGE);
    }
}
