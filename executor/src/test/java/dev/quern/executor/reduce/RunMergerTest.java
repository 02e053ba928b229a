package dev.quern.executor.reduce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.api.KeyComparator;
import dev.quern.executor.merge.MergingStream;
import dev.quern.executor.reduce.run.MergedRun;
import dev.quern.executor.reduce.run.SegmentRun;
import dev.quern.executor.reduce.run.SortedRun;
import dev.quern.executor.shuffle.fetch.FetchedSegment;
import dev.quern.executor.spill.MapOutput;
import dev.quern.executor.spill.SegmentWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** More runs than the fan-in: intermediate passes, then one merge equal to a stable sort of all runs. */
class RunMergerTest {

    @TempDir
    Path dir;

    private record Rec(String key, String value) {}

    @Test
    void mergesInPassesKeepingMapOrderForEqualKeys() throws Exception {
        Random random = new Random(3);
        List<SortedRun> runs = new ArrayList<>();
        List<Rec> all = new ArrayList<>();
        for (int r = 0; r < 10; r++) {
            List<Rec> run = randomRun(random, r);
            all.addAll(run);
            runs.add(write(run, r));
        }
        all.sort(Comparator.comparing(Rec::key)); // ASCII keys: String order is byte order; stable, so map order

        RunMerger merger = new RunMerger(KeyComparator.BYTES, 3, dir);
        List<Float> progress = new ArrayList<>();
        List<SortedRun> left = merger.reduceTo(runs, progress::add);
        assertThat(left).hasSizeLessThanOrEqualTo(3);
        assertThat(merger.passes()).isEqualTo(2); // 10 -> 4 -> 2
        // one report per group merged (3 in the first pass, 1 in the second), the last when all is read
        assertThat(progress).hasSize(4).isSortedAccordingTo(Float::compare).allMatch(f -> f > 0 && f <= 1);
        assertThat(progress.get(3)).isEqualTo(1f);

        assertThat(readAll(merger, left)).isEqualTo(all);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(Path::getFileName).map(Path::toString))
                    .as("only the runs left for the final merge remain")
                    .containsExactlyInAnyOrderElementsOf(left.stream().map(RunMergerTest::fileName).toList());
        }
    }

    @Test
    void runsInAnyOrderGiveTheSameStreamAsInMapOrder() throws Exception {
        Random random = new Random(11);
        List<SortedRun> runs = new ArrayList<>();
        List<Rec> all = new ArrayList<>();
        for (int r = 0; r < 9; r++) {
            List<Rec> run = randomRun(random, r);
            all.addAll(run);
            runs.add(write(run, r));
        }
        all.sort(Comparator.comparing(Rec::key));
        Collections.shuffle(runs, new Random(5)); // as an in-memory merge takes segments in arrival order

        RunMerger merger = new RunMerger(KeyComparator.BYTES, 2, dir);
        assertThat(readAll(merger, merger.reduceTo(runs))).isEqualTo(all);
    }

    @Test
    void fewRunsAreLeftAlone() throws Exception {
        List<SortedRun> runs = List.of(write(List.of(new Rec("a", "1")), 0), write(List.of(), 1));
        RunMerger merger = new RunMerger(KeyComparator.BYTES, 64, dir);
        assertThat(merger.reduceTo(runs)).isEqualTo(runs);
        assertThat(merger.passes()).isZero();
    }

    private static List<Rec> randomRun(Random random, int r) {
        List<Rec> run = new ArrayList<>();
        for (int i = random.nextInt(300); i > 0; i--) {
            run.add(new Rec("k" + random.nextInt(40), "run" + r + "-" + i));
        }
        run.sort(Comparator.comparing(Rec::key)); // stable: values keep their order
        return run;
    }

    private static List<Rec> readAll(RunMerger merger, List<SortedRun> runs) throws Exception {
        List<Rec> merged = new ArrayList<>();
        try (MergingStream in = merger.open(runs)) {
            while (in.next()) {
                merged.add(new Rec(new String(in.keyBuffer(), in.keyOffset(), in.keyLength(), StandardCharsets.UTF_8),
                        new String(in.valueBuffer(), in.valueOffset(), in.valueLength(), StandardCharsets.UTF_8)));
            }
        }
        return merged;
    }

    private static String fileName(SortedRun run) {
        Path file = run instanceof SegmentRun s ? s.segment().file() : ((MergedRun) run).file();
        return file.getFileName().toString();
    }

    /** The segment of map {@code mapIndex}, as a reducer fetches it to disk. */
    private SegmentRun write(List<Rec> run, int mapIndex) throws Exception {
        MapOutput out;
        try (SegmentWriter w = new SegmentWriter(dir, "m-" + mapIndex, 1)) {
            w.startPartition(0);
            for (Rec rec : run) {
                byte[] k = rec.key().getBytes(StandardCharsets.UTF_8);
                byte[] v = rec.value().getBytes(StandardCharsets.UTF_8);
                w.append(k, 0, k.length, v, 0, v.length);
            }
            out = w.commit();
        }
        Files.delete(out.indexPath());
        return new SegmentRun(mapIndex, new FetchedSegment(out.data(), out.index().entry(0).length(), out.index().entry(0).records()));
    }
}
