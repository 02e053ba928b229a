package dev.quern.executor.map;

import static dev.quern.executor.shuffle.MapOutputFixture.fileNames;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.api.Context;
import dev.quern.api.HashPartitioner;
import dev.quern.api.KeyComparator;
import dev.quern.api.Reducer;
import dev.quern.executor.merge.MergingStream;
import dev.quern.executor.spill.IndexFile;
import dev.quern.executor.spill.MapOutput;
import dev.quern.executor.task.TaskCounters;
import dev.quern.job.EngineCounters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The map side end to end on 200k (word, n) records from a Zipf-like vocabulary, collected with a
 * buffer that never spills before finish() and with tiny ones that spill hundreds of times. The oracle
 * is plain Java: a stable sort by (partition, UTF-8 key) without a combiner, a HashMap count with one.
 */
class MapOutputCollectorTest {

    private static final int RECORDS = 200_000;
    private static final int PARTITIONS = 3;
    private static final long HUGE = 256L << 20;
    private static final long[] TINY = {4096, 64 << 10};
    private static final List<String> WORDS = zipfWords(new Random(41), 5000, RECORDS);

    @TempDir
    Path root;

    public static final class Sum extends Reducer<Object, Object, Object, Object> {
        @Override
        public void reduce(Object key, Iterable<Object> values, Context<Object, Object> context) throws IOException {
            long sum = 0;
            for (Object v : values) {
                sum += (Long) v;
            }
            context.write(key, sum);
        }
    }

    private record Run(MapOutput output, TaskCounters counters, Path dir) {
        long counter(String name) {
            return counters.engine(name).value();
        }
    }

    /**
     * Without a combiner every spill size gives the same bytes: each value is the record's emission
     * number, so the stable order of equal keys (sort, then merge in spill order) shows in the file.
     */
    @Test
    void withoutCombinerEverySpillSizeGivesTheSameBytesAsTheOracle() throws IOException {
        Run big = collect(HUGE, false);
        assertThat(big.counter(EngineCounters.SPILLS)).isEqualTo(1);
        assertThat(WordOutputs.decode(big.output())).isEqualTo(stableSortOracle());
        List<Run> runs = new ArrayList<>(List.of(big));
        for (long size : TINY) {
            Run tiny = collect(size, false);
            runs.add(tiny);
            assertThat(tiny.counter(EngineCounters.SPILLS)).as("spills with %d bytes", size).isGreaterThan(10);
            if (tiny.counter(EngineCounters.SPILLS) > SpillMerger.FAN_IN) {
                // more spills than the fan-in: intermediate merge passes before the final one
                assertThat(tiny.counter(EngineCounters.MERGE_PASSES)).as("merge passes with %d bytes", size).isGreaterThan(1);
            }
            assertThat(Files.readAllBytes(tiny.output().data())).as("data with %d bytes", size)
                    .isEqualTo(Files.readAllBytes(big.output().data()));
            assertThat(Files.readAllBytes(tiny.output().indexPath())).as("index with %d bytes", size)
                    .isEqualTo(Files.readAllBytes(big.output().indexPath()));
            assertThat(tiny.counter(EngineCounters.SPILLED_RECORDS)).isEqualTo(RECORDS);
        }
        for (Run run : runs) {
            assertThat(run.counter(EngineCounters.MAP_OUTPUT_RECORDS)).isEqualTo(RECORDS);
            assertThat(run.counter(EngineCounters.MAP_OUTPUT_BYTES))
                    .isEqualTo(WORDS.stream().mapToLong(w -> w.getBytes(UTF_8).length + 8).sum());
            assertThat(run.counter(EngineCounters.COMBINE_INPUT_RECORDS)).isZero();
            assertThat(run.output().index().totalRecords()).isEqualTo(RECORDS);
            assertThat(fileNames(run.dir())).containsExactly("output.data", "output.index");
        }
    }

    /** With a combiner, each key appears once, in the partition HashPartitioner names, with its count. */
    @Test
    void withCombinerTheCountsAreTheOracles() throws IOException {
        List<List<String>> expected = WordOutputs.countOracle(WORDS, PARTITIONS);
        long distinct = expected.stream().mapToLong(List::size).sum();
        for (long size : new long[] {HUGE, TINY[0], TINY[1]}) {
            Run run = collect(size, true);
            assertThat(WordOutputs.decode(run.output())).as("buffer of %d bytes", size).isEqualTo(expected);
            assertThat(IndexFile.read(run.output().indexPath()).entries()).isEqualTo(run.output().index().entries());
            assertThat(run.output().index().totalRecords()).isEqualTo(distinct);
            assertThat(fileNames(run.dir())).containsExactly("output.data", "output.index");

            long spilled = run.counter(EngineCounters.SPILLED_RECORDS);
            long in = run.counter(EngineCounters.COMBINE_INPUT_RECORDS);
            long out = run.counter(EngineCounters.COMBINE_OUTPUT_RECORDS);
            assertThat(run.counter(EngineCounters.MAP_OUTPUT_RECORDS)).isEqualTo(RECORDS);
            if (size == HUGE) {
                assertThat(run.counter(EngineCounters.SPILLS)).isEqualTo(1);
                assertThat(in).isEqualTo(RECORDS);
                assertThat(out).isEqualTo(spilled).isEqualTo(distinct);
            } else {
                // Combined once per spill (every record), then again in the merge (every spilled record).
                assertThat(run.counter(EngineCounters.SPILLS)).as("spills with %d bytes", size).isGreaterThan(10);
                assertThat(spilled).isBetween(distinct + 1, (long) RECORDS - 1);
                if (run.counter(EngineCounters.MERGE_PASSES) == 1) {
                    assertThat(in).isEqualTo(RECORDS + spilled);
                    assertThat(out).isEqualTo(spilled + distinct);
                } else {
                    // Intermediate passes (more spills than the fan-in) combine their runs once more.
                    assertThat(run.counter(EngineCounters.SPILLS)).isGreaterThan(SpillMerger.FAN_IN);
                    assertThat(in).isGreaterThan(RECORDS + spilled);
                    assertThat(out).isGreaterThan(spilled + distinct);
                }
            }
        }
    }

    /**
     * The early combiner (a hash table before the sort) gives the oracle's counts with any budget:
     * one that holds every word, tiny ones that empty the table and spill over and over.
     */
    @Test
    void theEarlyCombinerGivesTheOraclesCounts() throws IOException {
        List<List<String>> expected = WordOutputs.countOracle(WORDS, PARTITIONS);
        for (long size : new long[] {HUGE, TINY[0], TINY[1]}) {
            Run run = collect(size, Sum::new, true);
            assertThat(WordOutputs.decode(run.output())).as("budget of %d bytes", size).isEqualTo(expected);
            assertThat(run.counter(EngineCounters.MAP_OUTPUT_RECORDS)).isEqualTo(RECORDS);
            assertThat(fileNames(run.dir())).containsExactly("output.data", "output.index");
            if (size == HUGE) {
                // every word combined in the table: the sort sees one record per distinct word
                assertThat(run.counter(EngineCounters.SPILLED_RECORDS)).isEqualTo(run.output().index().totalRecords());
            }
        }
    }

    /**
     * A combiner that does not write one record of its key per call (here: every value back, as the
     * identity reducer does) cannot keep a combined value in the table; its records go on to the sort
     * unchanged, so the output is the sort of every record.
     */
    @Test
    void anEarlyCombinerThatWritesSeveralRecordsLosesNothing() throws IOException {
        for (long size : new long[] {HUGE, TINY[1]}) {
            Run run = collect(size, () -> new Reducer<>() {}, true);
            List<List<String>> sortedRecords = WordOutputs.decode(run.output()).stream().map(p -> p.stream().sorted().toList()).toList();
            List<List<String>> expected = stableSortOracle().stream().map(p -> p.stream().sorted().toList()).toList();
            assertThat(sortedRecords).as("budget of %d bytes", size).isEqualTo(expected);
        }
    }

    /**
     * A merge of many spills reports its progress as it goes (the leader times out an attempt whose
     * progress stops): rising fractions, one at least every {@link MergingStream#TICK_EVERY} records
     * read, up to 1 exactly when nothing was combined (the records to read are then known exactly).
     */
    @Test
    void aLongMergeReportsRisingProgress() throws IOException {
        Path dir = Files.createDirectory(root.resolve("progress"));
        TaskCounters counters = new TaskCounters();
        List<Float> reports = new ArrayList<>();
        try (MapOutputCollector collector = new MapOutputCollector(settings(dir, TINY[0], false), WordOutputs.context(), counters)) {
            for (int i = 0; i < RECORDS; i++) {
                collector.collect(WORDS.get(i), (long) i);
            }
            collector.finish(reports::add);
        }
        assertThat(counters.engine(EngineCounters.MERGE_PASSES).value()).isGreaterThan(1);
        long read = RECORDS * counters.engine(EngineCounters.MERGE_PASSES).value(); // no combiner: every pass reads every record
        assertThat(reports).hasSizeGreaterThanOrEqualTo((int) (read / MergingStream.TICK_EVERY))
                .allMatch(f -> f > 0 && f <= 1).isSortedAccordingTo(Float::compare);
        assertThat(reports.get(reports.size() - 1)).isEqualTo(1f);
        assertThat(reports.stream().distinct().count()).isGreaterThan(read / MergingStream.TICK_EVERY / 2);
    }

    /** A failed attempt: records collected and spilled, then close() without finish(). */
    @Test
    void closeWithoutFinishDeletesEverySpill() throws IOException {
        Path dir = Files.createDirectory(root.resolve("aborted"));
        try (MapOutputCollector collector = new MapOutputCollector(settings(dir, TINY[0], false), WordOutputs.context(), new TaskCounters())) {
            for (int i = 0; i < 20_000; i++) {
                collector.collect(WORDS.get(i), (long) i);
            }
            assertThat(fileNames(dir)).as("spills while collecting").hasSizeGreaterThan(10)
                    .allMatch(name -> name.startsWith("spill-"));
        }
        assertThat(fileNames(dir)).isEmpty();
    }

    @Test
    void anEmptyMapHasEmptySegments() throws IOException {
        Path dir = Files.createDirectory(root.resolve("empty"));
        try (MapOutputCollector collector = new MapOutputCollector(settings(dir, HUGE, true), WordOutputs.context(), new TaskCounters())) {
            MapOutput output = collector.finish();
            assertThat(output.index().entries()).hasSize(PARTITIONS).allMatch(e -> e.length() == 0 && e.records() == 0);
            assertThat(Files.size(output.data())).isZero();
        }
        assertThat(fileNames(dir)).containsExactly("output.data", "output.index");
    }

    private Run collect(long bufferBytes, boolean combine) throws IOException {
        return collect(bufferBytes, combine ? Sum::new : null, false);
    }

    /** Record i is (WORDS[i], 1) when summing, else (WORDS[i], i). */
    private Run collect(long bufferBytes, Supplier<Reducer<Object, Object, Object, Object>> combiner, boolean eager)
            throws IOException {
        return collect(bufferBytes, combiner, eager, combiner != null && combiner.get() instanceof Sum);
    }

    private Run collect(long bufferBytes, Supplier<Reducer<Object, Object, Object, Object>> combiner, boolean eager,
            boolean ones) throws IOException {
        boolean combine = combiner != null;
        Path dir = Files.createTempDirectory(root, "run-" + bufferBytes + "-" + combine + "-");
        TaskCounters counters = new TaskCounters();
        MapOutputSettings settings = new MapOutputSettings(dir, PARTITIONS, new HashPartitioner(), WordOutputs.KEYS, WordOutputs.VALUES,
                KeyComparator.BYTES, () -> combine ? Optional.of(combiner.get()) : Optional.empty(), bufferBytes, eager);
        try (MapOutputCollector collector = new MapOutputCollector(settings, WordOutputs.context(), counters)) {
            for (int i = 0; i < RECORDS; i++) {
                collector.collect(WORDS.get(i), ones ? 1L : (long) i);
            }
            return new Run(collector.finish(), counters, dir);
        }
    }

    private static MapOutputSettings settings(Path dir, long bufferBytes, boolean combine) {
        return new MapOutputSettings(dir, PARTITIONS, new HashPartitioner(), WordOutputs.KEYS, WordOutputs.VALUES, KeyComparator.BYTES,
                () -> combine ? Optional.of(new Sum()) : Optional.empty(), bufferBytes, false);
    }

    /** Record i is (WORDS[i], i): List.sort is stable, so equal words stay in emission order. */
    private static List<List<String>> stableSortOracle() {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing(i -> WORDS.get(i).getBytes(UTF_8), Arrays::compareUnsigned));
        List<List<String>> partitions = WordOutputs.emptyPartitions(PARTITIONS);
        for (int i : order) {
            partitions.get(WordOutputs.partitionOf(WORDS.get(i), PARTITIONS)).add(WORDS.get(i) + "=" + i);
        }
        return partitions;
    }

    /**
     * {@code records} draws from a vocabulary of distinct words (ASCII, 2-, 3- and 4-byte UTF-8, so
     * byte order differs from String order), rank r with weight 1/(r+1).
     */
    private static List<String> zipfWords(Random random, int vocabularySize, int records) {
        String[] letters = {"a", "b", "c", "d", "e", "n", "s", "t", "\u00e9", "\u0436", "\uffe0", "\u4e2d",
                new String(Character.toChars(0x1f600))};
        Set<String> vocabulary = new LinkedHashSet<>();
        while (vocabulary.size() < vocabularySize) {
            StringBuilder w = new StringBuilder();
            for (int n = 1 + random.nextInt(9); n > 0; n--) {
                w.append(letters[random.nextInt(letters.length)]);
            }
            vocabulary.add(w.toString());
        }
        String[] words = vocabulary.toArray(new String[0]);
        double[] cumulative = new double[words.length];
        double total = 0;
        for (int r = 0; r < words.length; r++) {
            total += 1.0 / (r + 1);
            cumulative[r] = total;
        }
        List<String> out = new ArrayList<>(records);
        for (int i = 0; i < records; i++) {
            int r = Arrays.binarySearch(cumulative, random.nextDouble() * total);
            out.add(words[Math.min(r < 0 ? -r - 1 : r, words.length - 1)]);
        }
        return out;
    }
}
