package dev.quern.executor.reduce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.api.KeyComparator;
import dev.quern.executor.merge.MergingStream;
import dev.quern.executor.shuffle.fetch.FetchedSegment;
import dev.quern.executor.spill.MapOutput;
import dev.quern.executor.spill.SegmentWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
    void mergesInPassesKeepingRunOrderForEqualKeys() throws Exception {
        Random random = new Random(3);
        List<FetchedSegment> runs = new ArrayList<>();
        List<Rec> all = new ArrayList<>();
        for (int r = 0; r < 10; r++) {
            List<Rec> run = new ArrayList<>();
            for (int i = random.nextInt(300); i > 0; i--) {
                run.add(new Rec("k" + random.nextInt(40), "run" + r + "-" + i));
            }
            run.sort(Comparator.comparing(Rec::key)); // stable: values keep their order
            all.addAll(run);
            runs.add(write(run, "m-" + r));
        }
        all.sort(Comparator.comparing(Rec::key)); // ASCII keys: String order is byte order; stable

        RunMerger merger = new RunMerger(KeyComparator.BYTES, 3, dir);
        List<FetchedSegment> left = merger.reduceTo(runs);
        assertThat(left).hasSizeLessThanOrEqualTo(3);
        assertThat(merger.passes()).isEqualTo(2); // 10 -> 4 -> 2

        List<Rec> merged = new ArrayList<>();
        try (MergingStream in = merger.open(left)) {
            while (in.next()) {
                merged.add(new Rec(new String(in.keyBuffer(), in.keyOffset(), in.keyLength(), StandardCharsets.UTF_8),
                        new String(in.valueBuffer(), in.valueOffset(), in.valueLength(), StandardCharsets.UTF_8)));
            }
        }
        assertThat(merged).isEqualTo(all);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(Path::getFileName).map(Path::toString))
                    .as("only the runs left for the final merge remain")
                    .containsExactlyInAnyOrderElementsOf(left.stream().map(s -> s.file().getFileName().toString()).toList());
        }
    }

    @Test
    void fewRunsAreLeftAlone() throws Exception {
        List<FetchedSegment> runs = List.of(write(List.of(new Rec("a", "1")), "m-0"), write(List.of(), "m-1"));
        RunMerger merger = new RunMerger(KeyComparator.BYTES, 64, dir);
        assertThat(merger.reduceTo(runs)).isEqualTo(runs);
        assertThat(merger.passes()).isZero();
    }

    private FetchedSegment write(List<Rec> run, String name) throws Exception {
        MapOutput out;
        try (SegmentWriter w = new SegmentWriter(dir, name, 1)) {
            w.startPartition(0);
            for (Rec rec : run) {
                byte[] k = rec.key().getBytes(StandardCharsets.UTF_8);
                byte[] v = rec.value().getBytes(StandardCharsets.UTF_8);
                w.append(k, 0, k.length, v, 0, v.length);
            }
            out = w.commit();
        }
        Files.delete(out.indexPath());
        return new FetchedSegment(out.data(), out.index().entry(0).length(), out.index().entry(0).records());
    }
}
