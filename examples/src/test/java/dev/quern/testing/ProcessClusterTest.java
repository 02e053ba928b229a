package dev.quern.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.api.Job;
import dev.quern.examples.WordCount;
import dev.quern.job.EngineOptions;
import dev.quern.proto.JobStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quern as separate processes: a ZooKeeper server, coordinators and executors each in its own JVM
 * ({@code mr zookeeper|coordinator|executor}), jobs submitted through {@code QuernClient}, faults by
 * SIGKILL. Each job's output is compared with the sequential oracle.
 */
@Timeout(120)
class ProcessClusterTest {

    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(60);

    // Kept when a test fails: the daemons' logs are in DIR/cluster/logs.
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private Path corpus() throws Exception {
        Path corpus = dir.resolve("corpus");
        Corpus text = new Corpus(11, 2000);
        text.write(corpus.resolve("a.txt"), 120_000, "\n");
        text.write(corpus.resolve("b-crlf.txt"), 60_000, "\r\n");
        text.write(corpus.resolve("sub/c.txt"), 40_000, "\n");
        return corpus;
    }

    private static Job wordCount(Path input, Path output) {
        return Job.builder("wordcount").input(input).output(output).mapper(WordCount.TokenizerMapper.class)
                .combiner(WordCount.SumReducer.class).reducer(WordCount.SumReducer.class)
                .mapOutput(String.class, Long.class).reducers(3)
                .set(EngineOptions.SPLIT_SIZE, Long.toString(24 * 1024)).build();
    }

    /** Runs WordCount on the cluster and checks its output against the oracle. */
    private static void runWordCountAndCompare(ProcessCluster cluster, Path input, Path output) throws Exception {
        Job job = wordCount(input, output);
        JobStatus end = cluster.run(job, JOB_TIMEOUT);
        assertThat(end.getState()).as(() -> "job " + end.getJobId() + ": " + end.getError().getMessage() + "\n" + cluster.describe())
                .isEqualTo(JobStatus.State.SUCCEEDED);
        assertThat(end.getProgress().getMapsTotal()).isGreaterThan(3);
        List<List<String>> parts = Outputs.parts(output, 3);
        Outputs.assertSortedAndPartitioned(parts);
        assertThat(parts).isEqualTo(SequentialRunner.run(job));
    }

    @Test
    void wordCountOnThreeExecutorProcessesEqualsTheOracle() throws Exception {
        Path input = corpus();
        try (ProcessCluster cluster = ProcessCluster.builder(dir.resolve("cluster")).coordinators(1).executors(3).start()) {
            assertThat(cluster.executorIdsInZooKeeper()).as(cluster::describe)
                    .containsExactlyInAnyOrder(cluster.executorId(0), cluster.executorId(1), cluster.executorId(2));
            runWordCountAndCompare(cluster, input, dir.resolve("out"));
        }
    }

    @Test
    void aKilledExecutorLeavesZooKeeperAndARestartedOneJoinsAsANewMember() throws Exception {
        Path input = corpus();
        Duration session = Duration.ofSeconds(3);
        try (ProcessCluster cluster = ProcessCluster.builder(dir.resolve("cluster")).executors(2).sessionTimeout(session).start()) {
            String killed = cluster.executorId(0);
            String survivor = cluster.executorId(1);
            assertThat(cluster.executorIdsInZooKeeper()).containsExactlyInAnyOrder(killed, survivor);

            cluster.killExecutor(0);
            long killedAt = System.nanoTime();
            // Gone within the session timeout plus a tick (200 ms) once its session expires; a wide margin for a busy machine.
            Wait.until(killed + "'s znode to go", session.plusSeconds(10), () -> !ids(cluster).contains(killed));
            System.out.printf("executor znode gone %d ms after SIGKILL (session %d ms)%n",
                    (System.nanoTime() - killedAt) / 1_000_000, session.toMillis());
            assertThat(ids(cluster)).containsExactly(survivor);

            cluster.restartExecutor(0);
            String rejoined = cluster.executorId(0);
            assertThat(rejoined).isNotEqualTo(killed);
            assertThat(ids(cluster)).containsExactlyInAnyOrder(rejoined, survivor);

            // SIGTERM, unlike SIGKILL, closes the daemon: it ends its session and leaves at once.
            cluster.executor(1).stop();
            assertThat(cluster.executor(1).awaitExit(Duration.ofSeconds(30))).isEqualTo(143);
            assertThat(cluster.executor(1).output()).contains("executor " + survivor + " closed");
            Wait.until(survivor + "'s znode to go", Duration.ofSeconds(10), () -> !ids(cluster).contains(survivor));

            runWordCountAndCompare(cluster, input, dir.resolve("out"));
        }
    }

    @Test
    void killingTheLeaderHandsOfficeToTheOtherCoordinator() throws Exception {
        Path input = corpus();
        try (ProcessCluster cluster = ProcessCluster.builder(dir.resolve("cluster")).coordinators(2).executors(1).start()) {
            int leader = cluster.leader();
            cluster.killCoordinator(leader);
            Wait.until("the other coordinator to lead", Duration.ofSeconds(20), () -> leaderOf(cluster) == 1 - leader);
            runWordCountAndCompare(cluster, input, dir.resolve("out"));
        }
    }

    private static List<String> ids(ProcessCluster cluster) {
        try {
            return cluster.executorIdsInZooKeeper();
        } catch (Exception e) {
            throw new IllegalStateException("cannot list executors in ZooKeeper", e);
        }
    }

    private static int leaderOf(ProcessCluster cluster) {
        try {
            return cluster.leader();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the leader from ZooKeeper", e);
        }
    }
}
