package dev.quern.executor.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quern.api.Context;
import dev.quern.api.HashPartitioner;
import dev.quern.api.KeyComparator;
import dev.quern.api.Reducer;
import dev.quern.executor.combine.CombinerFailedException;
import dev.quern.executor.shuffle.RawPeer;
import dev.quern.executor.spill.MapOutput;
import dev.quern.executor.task.TaskCounters;
import dev.quern.job.EngineCounters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attempts one after another on one pool, each with keys of its own: each output is exactly its own
 * oracle (a plain Java count), whatever the attempt before left in the buffer, the sorter's arrays
 * or the combining table, and whether it succeeded or failed.
 */
class MapMemoryReuseTest {

    private static final int PARTITIONS = 3;
    /** Small enough to spill many times, so that every ring wraps and the sorter's arrays fill. */
    private static final long BUDGET = 96 << 10;

    @TempDir
    Path root;

    @Test
    void attemptsOneAfterAnotherEachGiveTheirOwnCounts() throws IOException {
        for (boolean eager : new boolean[] {true, false}) {
            MapMemoryPool pool = new MapMemoryPool(1);
            List<String> first = words("first", 60_000, 1);
            List<String> second = words("second", 20_000, 2); // fewer: stale bytes of the first would show
            Result a = run(pool, first, MapOutputCollectorTest.Sum::new, eager);
            assertThat(WordOutputs.decode(a.output())).as("eager %s", eager).isEqualTo(WordOutputs.countOracle(first, PARTITIONS));
            assertThat(a.spills()).isGreaterThan(5);
            assertThat(pool.freeSets()).isEqualTo(1);

            Result b = run(pool, second, MapOutputCollectorTest.Sum::new, eager);
            assertThat(pool.reuses()).as("the second attempt got the first's memory").isEqualTo(1);
            assertThat(WordOutputs.decode(b.output())).as("eager %s", eager).isEqualTo(WordOutputs.countOracle(second, PARTITIONS));
            assertThat(b.spills()).isGreaterThan(1);
        }
    }

    /** The combiner throws on the spill thread with a region taken: its buffer goes back and serves the next attempt. */
    @Test
    void aFailedAttemptsMemoryServesTheNextOne() throws IOException {
        MapMemoryPool pool = new MapMemoryPool(1);
        List<String> failing = words("failing", 60_000, 3);
        assertThatThrownBy(() -> run(pool, failing, BackgroundSpillFailureTest.Exploding::new, false))
                .isInstanceOf(CombinerFailedException.class);
        assertThat(pool.freeSets()).isEqualTo(1);
        assertThat(pool.holders()).isZero();

        List<String> next = words("next", 30_000, 4);
        Result r = run(pool, next, MapOutputCollectorTest.Sum::new, false);
        assertThat(pool.reuses()).isEqualTo(1);
        assertThat(WordOutputs.decode(r.output())).isEqualTo(WordOutputs.countOracle(next, PARTITIONS));
    }

    /** Closed in the middle of collecting (a kill): the memory goes back, and no record of it reaches the next. */
    @Test
    void anAttemptClosedMidwayLeavesNothingToTheNext() throws IOException {
        MapMemoryPool pool = new MapMemoryPool(1);
        List<String> killed = words("killed", 60_000, 5);
        Path dir = Files.createTempDirectory(root, "killed-");
        try (MapOutputCollector c = new MapOutputCollector(settings(dir, MapOutputCollectorTest.Sum::new, true), WordOutputs.context(),
                new TaskCounters(), pool)) {
            for (String w : killed.subList(0, 45_000)) {
                c.collect(w, 1L);
            }
        }
        assertThat(pool.freeSets()).isEqualTo(1);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
        List<String> next = words("next", 20_000, 6);
        Result r = run(pool, next, MapOutputCollectorTest.Sum::new, true);
        assertThat(pool.reuses()).isEqualTo(1);
        assertThat(WordOutputs.decode(r.output())).isEqualTo(WordOutputs.countOracle(next, PARTITIONS));
    }

    /**
     * A kill that lands while a spill still reads the buffer: the attempt's close stops waiting for the
     * spill thread when interrupted, and the memory must then stay with that thread, not go back to the
     * pool for the next attempt to overwrite.
     */
    @Test
    void anAttemptInterruptedWhileItsSpillRunsLeavesItsMemoryToTheSpill() throws Exception {
        MapMemoryPool pool = new MapMemoryPool(1);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Supplier<Reducer<Object, Object, Object, Object>> blocking = () -> new Reducer<>() {
            private final Reducer<Object, Object, Object, Object> sum = new MapOutputCollectorTest.Sum();

            @Override
            public void reduce(Object key, Iterable<Object> values, Context<Object, Object> context)
                    throws IOException, InterruptedException {
                entered.countDown();
                release.await(); // the spill thread holds the buffer until the test lets it go
                sum.reduce(key, values, context);
            }
        };
        Path dir = Files.createTempDirectory(root, "interrupted-");
        MapOutputCollector c = new MapOutputCollector(settings(dir, blocking, false), WordOutputs.context(), new TaskCounters(), pool);
        for (String w : words("killed", 60_000, 7)) {
            c.collect(w, 1L);
            if (c.spillUnderWay()) {
                break; // stop before the buffer fills: the mapper would wait for a spill that never ends
            }
        }
        assertThat(entered.await(30, TimeUnit.SECONDS)).as("the spill reached the combiner").isTrue();
        Thread closer = new Thread(() -> {
            try {
                c.close();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "closer");
        closer.start();
        RawPeer.awaitCondition("close waits for the spill thread", () -> closer.getState() == Thread.State.TIMED_WAITING);
        closer.interrupt();
        closer.join(30_000);
        assertThat(closer.isAlive()).isFalse();
        assertThat(pool.freeSets()).as("the spill still reads the buffer").isZero();
        assertThat(pool.holders()).isZero();
        release.countDown();
        // The spill ends after its attempt: it must not leave its files behind (it deletes them itself).
        RawPeer.awaitCondition("the spill thread ends", c::spillThreadEnded);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).as("files the spill wrote after its attempt ended").isEmpty();
        }

        List<String> next = words("next", 20_000, 8);
        Result r = run(pool, next, MapOutputCollectorTest.Sum::new, false);
        assertThat(pool.reuses()).as("a new set, not the one the spill had").isZero();
        assertThat(WordOutputs.decode(r.output())).isEqualTo(WordOutputs.countOracle(next, PARTITIONS));
    }

    private record Result(MapOutput output, long spills) {}

    private Result run(MapMemoryPool pool, List<String> words, Supplier<Reducer<Object, Object, Object, Object>> combiner,
            boolean eager) throws IOException {
        Path dir = Files.createTempDirectory(root, "attempt-");
        TaskCounters counters = new TaskCounters();
        try (MapOutputCollector c = new MapOutputCollector(settings(dir, combiner, eager), WordOutputs.context(), counters, pool)) {
            for (String w : words) {
                c.collect(w, 1L);
            }
            MapOutput out = c.finish();
            return new Result(out, counters.engine(EngineCounters.SPILLS).value());
        }
    }

    private static MapOutputSettings settings(Path dir, Supplier<Reducer<Object, Object, Object, Object>> combiner, boolean eager) {
        return new MapOutputSettings(dir, PARTITIONS, new HashPartitioner(), WordOutputs.KEYS, WordOutputs.VALUES, KeyComparator.BYTES,
                () -> Optional.of(combiner.get()), BUDGET, eager);
    }

    /** {@code n} words of the form PREFIX-i, i skewed towards small numbers, from a seeded Random. */
    private static List<String> words(String prefix, int n, long seed) {
        Random random = new Random(seed);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(prefix + "-" + (int) Math.pow(20_000, random.nextDouble()));
        }
        return out;
    }
}
