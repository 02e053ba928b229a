package dev.quern.examples.terasort;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.api.Job;
import dev.quern.job.EngineCounters;
import dev.quern.local.LocalCluster;
import dev.quern.proto.Counter;
import dev.quern.proto.JobStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * teragen, sort and teravalidate on a real embedded cluster, each checked against an independent
 * oracle: the bench generator's bytes, a plain Java stable sort of the records, and checksums and
 * out-of-order positions computed in Java.
 */
class TeraSortTest {

    private static final AtomicInteger DIRS = new AtomicInteger();

    @TempDir
    static Path dir;
    static TestingServer zk;
    static LocalCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        zk = new TestingServer();
        cluster = LocalCluster.builder().executors(2).slotsPerExecutor(2).zookeeper(zk.getConnectString())
                .workDir(dir.resolve("cluster")).jobTimeout(Duration.ofMinutes(2)).start();
    }

    @AfterAll
    static void stop() throws Exception {
        cluster.close();
        zk.close();
    }

    private static Path newDir(String name) {
        return dir.resolve(name + "-" + DIRS.incrementAndGet());
    }

    private static JobStatus run(Job job) throws Exception {
        JobStatus end = cluster.run(job, s -> {});
        assertThat(end.getState()).as("%s", end.getError()).isEqualTo(JobStatus.State.SUCCEEDED);
        return end;
    }

    private static long counter(JobStatus s, String name) {
        return s.getCountersList().stream().filter(c -> c.getGroup().equals(EngineCounters.GROUP) && c.getName().equals(name))
                .mapToLong(Counter::getValue).sum();
    }

    private static List<String> names(Path out) throws Exception {
        try (Stream<Path> files = Files.list(out)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void teragenWritesTheBenchGeneratorsBytesOneMapPerRange() throws Exception {
        Path out = newDir("gen");
        JobStatus end = run(TeraGen.job(List.of("--maps", "4", "--seed", "9", "2501", out.toString()), 1));

        assertThat(names(out)).containsExactly("_SUCCESS", "part-m-00000", "part-m-00001", "part-m-00002", "part-m-00003");
        assertThat(Files.size(out.resolve("part-m-00000"))).as("2501 rows in 4 maps: 626, 625, 625, 625").isEqualTo(62_600);
        Path bench = newDir("bench");
        Files.createDirectories(bench);
        TeraRecordsTest.runBenchGen(bench, "--rows", "2501", "--seed", "9", "--out", bench.resolve("tera.bin").toString());
        assertThat(TeraData.concat(TeraData.read(out))).isEqualTo(Files.readAllBytes(bench.resolve("tera.bin")));
        assertThat(counter(end, EngineCounters.MAP_INPUT_RECORDS)).isEqualTo(2501);
        assertThat(counter(end, EngineCounters.OUTPUT_BYTES)).isEqualTo(250_100);
        assertThat(counter(end, EngineCounters.SHUFFLE_BYTES)).as("a map-only job shuffles nothing").isZero();
    }

    @Test
    void teragenOfNoRowsIsAnEmptyOutput() throws Exception {
        Path out = newDir("gen-empty");
        run(TeraGen.job(List.of("0", out.toString()), 1));

        assertThat(names(out)).containsExactly("_SUCCESS");
    }

    /** Random keys in three files: the part files in order are the stable sort of all the records. */
    @Test
    void sortedPartsInOrderAreTheRecordsSorted() throws Exception {
        Path in = newDir("in");
        List<byte[]> all = new ArrayList<>();
        for (int f = 0; f < 3; f++) {
            List<byte[]> rows = TeraData.rows(11, f * 1000L, f * 1000L + 700 + 150 * f);
            TeraData.write(in.resolve("part-" + f), rows);
            all.addAll(rows);
        }
        Path out = newDir("out");

        JobStatus end = run(TeraSort.job(List.of(in.toString(), out.toString()), 4));

        assertThat(names(out)).containsExactly("_SUCCESS", "part-r-00000", "part-r-00001", "part-r-00002", "part-r-00003");
        assertThat(TeraData.concat(TeraData.read(out))).isEqualTo(TeraData.concat(TeraData.sorted(all)));
        for (int r = 0; r < 4; r++) {
            assertThat(Files.size(out.resolve(String.format("part-r-%05d", r)))).as("sampled boundaries spread the keys")
                    .isBetween(100L * all.size() / 8, 100L * all.size() / 2);
        }
        assertThat(counter(end, EngineCounters.REDUCE_OUTPUT_RECORDS)).isEqualTo(all.size());
    }

    /** Few distinct keys and many records each: equal boundaries, unbalanced parts, still sorted and stable. */
    @Test
    void duplicateHeavyKeysAreSortedStably() throws Exception {
        Random random = new Random(5);
        Path in = newDir("dups");
        List<byte[]> all = new ArrayList<>();
        for (int f = 0; f < 2; f++) {
            List<byte[]> records = new ArrayList<>();
            for (int i = 0; i < 900; i++) {
                records.add(TeraData.record(random.nextInt(10) < 7 ? 0x61 : 0x30 + random.nextInt(4), f * 1000L + i));
            }
            TeraData.write(in.resolve("f" + f), records);
            all.addAll(records);
        }
        Path out = newDir("out");

        run(TeraSort.job(List.of(in.toString(), out.toString()), 3));

        assertThat(TeraData.concat(TeraData.read(out))).isEqualTo(TeraData.concat(TeraData.sorted(all)));
    }

    @Test
    void allEqualKeysGoToOnePartAndKeepTheirOrder() throws Exception {
        Path in = newDir("same");
        List<byte[]> all = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            all.add(TeraData.record(0x7f, i));
        }
        TeraData.write(in.resolve("f"), all);
        Path out = newDir("out");

        run(TeraSort.job(List.of(in.toString(), out.toString()), 3));

        assertThat(Files.size(out.resolve("part-r-00000")) + Files.size(out.resolve("part-r-00001"))).isZero();
        assertThat(TeraData.read(out)).containsExactlyElementsOf(all);
    }

    @Test
    void anEmptyInputGivesEmptyParts() throws Exception {
        Path in = newDir("empty");
        TeraData.write(in.resolve("f"), List.of());
        Path out = newDir("out");

        run(TeraSort.job(List.of(in.toString(), out.toString()), 2));

        assertThat(names(out)).containsExactly("_SUCCESS", "part-r-00000", "part-r-00001");
        assertThat(TeraData.read(out)).isEmpty();
    }

    /** The report of the input and of the sorted output: the same records and checksum; order only in the output. */
    @Test
    void teravalidateProvesTheSortLostNothingAndFindsEveryDescentAcrossFiles() throws Exception {
        Path in = newDir("in");
        List<byte[]> all = new ArrayList<>();
        for (int f = 0; f < 2; f++) {
            List<byte[]> rows = TeraData.rows(3, f * 400L, f * 400L + 400);
            TeraData.write(in.resolve("part-" + f), rows);
            all.addAll(rows);
        }
        Path sorted = newDir("sorted");
        run(TeraSort.job(List.of(in.toString(), sorted.toString()), 3));

        Path inReport = newDir("report-in");
        run(TeraValidate.job(List.of(in.toString(), inReport.toString()), 5));
        Path outReport = newDir("report-out");
        run(TeraValidate.job(List.of(sorted.toString(), outReport.toString()), 5));

        String checksum = TeraData.checksum(all);
        List<Long> descents = TeraData.descents(all);
        List<String> expectedIn = new ArrayList<>(List.of("records\t800", "checksum\t" + checksum, "unsorted\t" + descents.size()));
        descents.stream().limit(TeraValidate.ERRORS_KEPT).forEach(i -> expectedIn.add("error\trecord " + i + ": key "
                + hexKey(all.get((int) (long) i)) + " after " + hexKey(all.get((int) (long) i - 1))));
        assertThat(Files.readAllLines(inReport.resolve("part-r-00000"))).containsExactlyElementsOf(expectedIn);
        assertThat(Files.readAllLines(outReport.resolve("part-r-00000")))
                .containsExactly("records\t800", "checksum\t" + checksum, "unsorted\t0");
    }

    /** Two files each sorted, the second starting below the end of the first: one error, at the file boundary. */
    @Test
    void teravalidateChecksTheOrderAcrossFileBoundaries() throws Exception {
        Path in = newDir("runs");
        List<byte[]> first = List.of(TeraData.record(0x10, 0), TeraData.record(0x20, 1), TeraData.record(0x30, 2));
        List<byte[]> second = List.of(TeraData.record(0x25, 3), TeraData.record(0x40, 4));
        TeraData.write(in.resolve("part-r-00000"), first);
        TeraData.write(in.resolve("part-r-00001"), second);
        Files.writeString(in.resolve("_SUCCESS"), "");
        Path report = newDir("report");

        run(TeraValidate.job(List.of(in.toString(), report.toString()), 1));

        assertThat(Files.readAllLines(report.resolve("part-r-00000"))).containsExactly("records\t5",
                "checksum\t" + TeraData.checksum(List.of(first.get(0), first.get(1), first.get(2), second.get(0), second.get(1))),
                "unsorted\t1", "error\trecord 3: key " + "25".repeat(10) + " after " + "30".repeat(10));
    }

    private static String hexKey(byte[] record) {
        return java.util.HexFormat.of().formatHex(record, 0, TeraData.KEY);
    }
}
