package dev.quern.executor.map;

import static dev.quern.executor.shuffle.MapOutputFixture.fileNames;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.api.Codec;
import dev.quern.api.Codecs;
import dev.quern.api.HashPartitioner;
import dev.quern.api.KeyComparator;
import dev.quern.executor.spill.MapOutput;
import dev.quern.executor.task.TaskContext;
import dev.quern.executor.task.TaskCounters;
import dev.quern.job.EngineCounters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The circular sort buffer inside the collector: spills start at the threshold, a mapper that the
 * spills keep up with never waits, a full buffer makes it wait, records wrap around the ring, and a
 * record larger than the buffer becomes a spill of its own. The oracle of every run is the same
 * records collected with a buffer that never spills before finish(): the bytes must be identical.
 */
class CircularSpillTest {

    private static final int PARTITIONS = 3;
    private static final long HUGE = 64L << 20;
    @SuppressWarnings("unchecked")
    private static final Codec<Object> STRINGS = (Codec<Object>) (Codec<?>) Codecs.STRING;
    @SuppressWarnings("unchecked")
    private static final Codec<Object> BYTES = (Codec<Object>) (Codec<?>) Codecs.BYTES;

    @TempDir
    Path root;

    private record Run(MapOutput output, TaskCounters counters, Path dir, MapOutputCollector collector) {
        long spills() { return counters.engine(EngineCounters.SPILLS).value(); }
    }

    /** Records of 20-byte keys and {@code valueBytes}-byte values: the same size each, so the threshold is exact to a record. */
    private static List<Object[]> sameSized(int n, int valueBytes) {
        List<Object[]> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            records.add(new Object[] {String.format("key-%016d", (i * 7919L) % n), new byte[valueBytes]});
        }
        return records;
    }

    @Test
    void spillsStartAtTheThresholdAndAMapperTheSpillsKeepUpWithNeverWaits() throws IOException {
        List<Object[]> records = sameSized(20_000, 12); // 640,000 bytes through a 32 KiB data ring
        Run paced = collect(64 << 10, 80, records, true);
        Run oracle = collect(HUGE, 80, records, false);

        int capacity = paced.collector().bufferBytes();
        assertThat(paced.spills()).isGreaterThan(10);
        assertThat(paced.collector().spillStartBytes()).hasSize((int) paced.spills() - 1) // the last one is finish()'s
                .allSatisfy(used -> assertThat(used).isBetween((long) (capacity * 0.8), (long) (capacity * 0.8) + 32));
        assertThat(paced.collector().waits()).isZero();
        assertSameBytes(paced, oracle);
    }

    @Test
    void atOneHundredPercentTheMapperWaitsForEverySpillAndLosesNothing() throws IOException {
        // 33-byte records never fill the 32 KiB ring exactly, so each spill starts when a record does not
        // fit, and the mapper waits for it: every spill but finish()'s.
        List<Object[]> records = sameSized(20_000, 13);
        Run full = collect(64 << 10, 100, records, false);
        assertThat(full.collector().bufferBytes() % 33).isNotZero();
        assertThat(full.spills()).isGreaterThan(10);
        assertThat(full.collector().waits()).isEqualTo((int) full.spills() - 1);
        assertSameBytes(full, collect(HUGE, 80, records, false));
    }

    @Test
    void recordsOfEverySizeWrapAroundTheRingAndARecordLargerThanTheBufferIsASpillOfItsOwn() throws IOException {
        Random random = new Random(11);
        List<Object[]> records = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            int valueBytes = i % 5000 == 2500 ? 50_000 : random.nextInt(random.nextInt(8) == 0 ? 900 : 40);
            records.add(new Object[] {"w" + random.nextInt(3000), new byte[valueBytes]});
        }
        Run small = collect(16 << 10, 80, records, false);
        assertThat(small.collector().bufferBytes()).isLessThan(50_000);
        assertThat(small.collector().wraps()).isGreaterThan(10); // ~250 passes round the ring; timing decides how many wrap
        assertThat(small.spills()).isGreaterThan(20);
        assertSameBytes(small, collect(HUGE, 80, records, false));
    }

    private static void assertSameBytes(Run run, Run oracle) throws IOException {
        assertThat(oracle.spills()).isEqualTo(1);
        assertThat(Files.readAllBytes(run.output().data())).isEqualTo(Files.readAllBytes(oracle.output().data()));
        assertThat(Files.readAllBytes(run.output().indexPath())).isEqualTo(Files.readAllBytes(oracle.output().indexPath()));
        assertThat(fileNames(run.dir())).containsExactly("output.data", "output.index");
    }

    /** With {@code paced}, the mapper writes its next record only when no spill is under way. */
    private Run collect(long bufferBytes, double spillPercent, List<Object[]> records, boolean paced) throws IOException {
        Path dir = Files.createTempDirectory(root, "run-");
        TaskCounters counters = new TaskCounters();
        MapOutputSettings settings = new MapOutputSettings(dir, PARTITIONS, new HashPartitioner(), STRINGS, BYTES,
                KeyComparator.BYTES, Optional::empty, bufferBytes, false, spillPercent);
        TaskContext context = new TaskContext((k, v) -> {
            throw new AssertionError("the collector must write through its own sink");
        }, new TaskCounters(), Map.of(), "m-00000", "m-00000.0");
        MapOutputCollector collector = new MapOutputCollector(settings, context, counters);
        try (collector) {
            for (Object[] r : records) {
                collector.collect(r[0], r[1]);
                if (paced) {
                    awaitNoSpill(collector);
                }
            }
            return new Run(collector.finish(), counters, dir, collector);
        }
    }

    private static void awaitNoSpill(MapOutputCollector collector) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (collector.spillUnderWay()) {
            assertThat(System.nanoTime()).as("a spill still running after 60 s").isLessThan(deadline);
            LockSupport.parkNanos(50_000);
        }
    }
}
