package dev.quern.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.job.TaskIds;
import dev.quern.proto.JobProgress;
import dev.quern.testing.ProcessCluster;
import dev.quern.testing.Wait;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL of an executor JVM in each phase of a job: the moment is chosen by watching the job's
 * status and the attempts' traces, never by sleeping. The output must equal the sequential oracle.
 */
@Timeout(180)
class ExecutorKillTest {

    private static final Duration SESSION = Duration.ofSeconds(3);
    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration PHASE_TIMEOUT = Duration.ofSeconds(60);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private ProcessCluster cluster() throws Exception {
        return ProcessCluster.builder(dir.resolve("cluster")).executors(3).slotsPerExecutor(2).sessionTimeout(SESSION).start();
    }

    @Test
    void killDuringTheMapPhase() throws Exception {
        try (ProcessCluster cluster = cluster()) {
            FaultJob job = new FaultJob(dir, 1, 320_000, 24 * 1024).set("probe.map.delay-ms", "1000").submit(cluster);
            Wait.until("a map done and more to come", PHASE_TIMEOUT, () -> {
                JobProgress p = job.status().getProgress();
                return p.getMapsDone() >= 1 && p.getMapsDone() + 4 <= p.getMapsTotal();
            });
            long killed = cluster.executor(0).pid();
            Set<String> before = job.attempts().keySet();
            Set<String> tasksThere = job.attempts().entrySet().stream().filter(e -> e.getValue() == killed)
                    .map(e -> TaskIds.taskOf(e.getKey())).collect(Collectors.toSet());
            cluster.killExecutor(0);
            long killedAt = System.nanoTime();
            // Detection: the first new attempt of a task that ran there (rerun because its executor is gone).
            Wait.until("a task of the killed executor to run again", PHASE_TIMEOUT, () -> job.attempts().keySet().stream()
                    .anyMatch(a -> !before.contains(a) && tasksThere.contains(TaskIds.taskOf(a))));
            System.out.printf("failure detection: SIGKILL to relaunch of its attempts %d ms (session timeout %d ms)%n",
                    (System.nanoTime() - killedAt) / 1_000_000, SESSION.toMillis());
            job.awaitAndCheck(cluster, JOB_TIMEOUT);
        }
    }

    @Test
    void killDuringTheShuffle() throws Exception {
        try (ProcessCluster cluster = cluster()) {
            // Reduces start when half the maps are done and fetch while the rest run.
            FaultJob job = new FaultJob(dir, 2, 320_000, 24 * 1024).set("probe.map.delay-ms", "1000")
                    .set("quern.reduce.slowstart", "0.5").submit(cluster);
            Wait.until("reduces fetching while maps run", PHASE_TIMEOUT, () -> {
                JobProgress p = job.status().getProgress();
                return p.getReducesRunning() > 0 && p.getMapsDone() + 2 <= p.getMapsTotal();
            });
            // The executor that ran the first map holds its output, which the reduces fetch.
            String first = job.attemptsOf("m-00000").get(0);
            int victim = FaultJob.executorOf(cluster, job.attempts().get(first), 3);
            cluster.killExecutor(victim);
            job.awaitAndCheck(cluster, JOB_TIMEOUT);
            assertThat(job.attemptsOf("m-00000")).as("its output was lost with its executor").hasSizeGreaterThan(1);
        }
    }

    @Test
    void killDuringTheReducePhase() throws Exception {
        try (ProcessCluster cluster = cluster()) {
            Path gate = dir.resolve("reduce-gate");
            FaultJob job = new FaultJob(dir, 3, 320_000, 24 * 1024).set("probe.reduce.gate", gate.toString()).submit(cluster);
            // A reducer's setup runs after its copy and merge: every reducer in setup is the reduce phase.
            Wait.until("every reducer in its reduce phase", PHASE_TIMEOUT,
                    () -> job.attemptsPerTask().keySet().stream().filter(t -> t.startsWith("r-")).count() == FaultJob.REDUCERS);
            Map<String, Long> attempts = job.attempts();
            String reduce = job.attemptsOf("r-00000").get(0);
            int victim = FaultJob.executorOf(cluster, attempts.get(reduce), 3);
            cluster.killExecutor(victim);
            Files.createFile(gate);
            job.awaitAndCheck(cluster, JOB_TIMEOUT);
            assertThat(job.attemptsOf("r-00000")).as("its reduce ran again").hasSizeGreaterThan(1);
        }
    }
}
