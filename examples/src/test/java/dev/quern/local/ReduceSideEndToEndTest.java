package dev.quern.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.api.Job;
import dev.quern.examples.WordCount;
import dev.quern.job.EngineCounters;
import dev.quern.job.EngineOptions;
import dev.quern.proto.Counter;
import dev.quern.proto.JobStatus;
import dev.quern.testing.Corpus;
import dev.quern.testing.Outputs;
import dev.quern.testing.SequentialRunner;
import dev.quern.testing.Wait;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WordCount on a real embedded cluster with the reduce side pushed every way: every fetched segment
 * to disk, a shuffle memory so small that in-memory segments are merged to disk again and again, a
 * budget that holds them all, reduces that start with the first free slot, and reduces that wait for
 * every map. The output bytes must not change, must equal the sequential oracle's, and no job may
 * leave a file in an executor's work directory.
 */
class ReduceSideEndToEndTest {

    private static final int REDUCERS = 3;
    private static final AtomicInteger OUTPUTS = new AtomicInteger();

    @TempDir
    static Path dir;
    static TestingServer zk;
    static LocalCluster cluster;
    static Path corpus;

    @BeforeAll
    static void start() throws Exception {
        zk = new TestingServer();
        cluster = LocalCluster.builder().executors(3).zookeeper(zk.getConnectString())
                .workDir(dir.resolve("cluster")).jobTimeout(Duration.ofMinutes(2)).start();
        corpus = dir.resolve("corpus");
        Corpus text = new Corpus(7, 5000);
        text.write(corpus.resolve("a.txt"), 300_000, "\n");
        text.write(corpus.resolve("b.txt"), 200_000, "\n");
    }

    @AfterAll
    static void stop() throws Exception {
        cluster.close();
        zk.close();
    }

    /** A run of WordCount and every status the client saw. */
    private record Run(Job job, JobStatus end, List<JobStatus> statuses) {
        long counter(String name) {
            return end.getCountersList().stream()
                    .filter(c -> c.getGroup().equals(EngineCounters.GROUP) && c.getName().equals(name))
                    .mapToLong(Counter::getValue).sum();
        }

        /** Whether a reduce ran while a map was not done. */
        boolean reducesStartedEarly() {
            return statuses.stream().anyMatch(s -> s.getProgress().getReducesRunning() > 0
                    && s.getProgress().getMapsDone() < s.getProgress().getMapsTotal());
        }

        byte[] part(int r) throws Exception {
            return Files.readAllBytes(job.output().resolve(String.format("part-r-%05d", r)));
        }
    }

    private static Run wordCount(String shuffleMemory, String slowstart) throws Exception {
        Job job = Job.builder("wordcount").input(corpus).mapper(WordCount.TokenizerMapper.class)
                .combiner(WordCount.SumReducer.class).reducer(WordCount.SumReducer.class)
                .mapOutput(String.class, Long.class).reducers(REDUCERS).output(dir.resolve("out-" + OUTPUTS.incrementAndGet()))
                .set(EngineOptions.SPLIT_SIZE, Long.toString(24 * 1024))
                .set(EngineOptions.SHUFFLE_MEMORY, shuffleMemory)
                .set(EngineOptions.REDUCE_SLOWSTART, slowstart)
                .build();
        List<JobStatus> statuses = new CopyOnWriteArrayList<>();
        JobStatus end = cluster.run(job, statuses::add);
        assertThat(end.getState()).as("job %s ended %s: %s", end.getJobId(), end.getState(), end.getError().getMessage())
                .isEqualTo(JobStatus.State.SUCCEEDED);
        assertWorkDirsHoldNoJobFiles();
        return new Run(job, end, statuses);
    }

    @Test
    void theOutputBytesDoNotDependOnWhereSegmentsAreKeptNorWhenReducesStart() throws Exception {
        Run large = wordCount(Long.toString(64L << 20), "1");
        Run none = wordCount("0", "1");
        Run tiny = wordCount(Long.toString(32 * 1024), "1");
        Run early = wordCount(Long.toString(64L << 20), "0");
        Run earlyTiny = wordCount(Long.toString(32 * 1024), "0");

        assertThat(Outputs.parts(large.job().output(), REDUCERS)).isEqualTo(SequentialRunner.run(large.job()));
        for (Run other : List.of(none, tiny, early, earlyTiny)) {
            for (int r = 0; r < REDUCERS; r++) {
                assertThat(other.part(r)).as("part %d of %s", r, other.end().getJobId()).isEqualTo(large.part(r));
            }
        }

        long shuffled = large.counter(EngineCounters.SHUFFLE_BYTES);
        assertThat(large.counter(EngineCounters.SHUFFLE_BYTES_TO_MEMORY)).as("a large budget holds every segment").isEqualTo(shuffled);
        assertThat(large.counter(EngineCounters.SHUFFLE_BYTES_TO_DISK)).isZero();
        assertThat(reduceSideMerges(large)).as("only each reducer's final merge").isEqualTo(REDUCERS);

        assertThat(none.counter(EngineCounters.SHUFFLE_BYTES_TO_DISK)).as("no budget: every segment to disk").isEqualTo(shuffled);
        assertThat(none.counter(EngineCounters.SHUFFLE_BYTES_TO_MEMORY)).isZero();

        assertThat(tiny.counter(EngineCounters.SHUFFLE_BYTES_TO_MEMORY)).isPositive();
        assertThat(reduceSideMerges(tiny) - REDUCERS).as("in-memory merges to disk").isGreaterThan(2L * REDUCERS);
        assertThat(tiny.counter(EngineCounters.LOCAL_BYTES_READ) - large.counter(EngineCounters.LOCAL_BYTES_READ))
                .as("every run merged to disk is read back once").isPositive();

        assertThat(large.reducesStartedEarly()).as("slow start 1 waits for every map").isFalse();
        assertThat(none.reducesStartedEarly() || tiny.reducesStartedEarly()).isFalse();
        assertThat(early.reducesStartedEarly()).as("slow start 0: a reduce takes the first slot no map wants").isTrue();
    }

    /** Merge passes of the reducers: each map spills once here, so the map side merges nothing. */
    private static long reduceSideMerges(Run run) {
        assertThat(run.counter(EngineCounters.SPILLS)).isEqualTo(run.end().getProgress().getMapsTotal());
        return run.counter(EngineCounters.MERGE_PASSES);
    }

    private static void assertWorkDirsHoldNoJobFiles() throws InterruptedException {
        List<Path> jobDirs = new ArrayList<>();
        for (int i = 0; i < cluster.executors().size(); i++) {
            jobDirs.add(cluster.executorWorkDir(i).resolve("jobs"));
        }
        Wait.until("the executors to delete every job's files", Duration.ofSeconds(10), () -> jobDirs.stream().allMatch(d -> {
            try (Stream<Path> files = Files.exists(d) ? Files.list(d) : Stream.empty()) {
                return files.findAny().isEmpty();
            } catch (java.io.IOException e) {
                return false;
            }
        }));
    }
}
