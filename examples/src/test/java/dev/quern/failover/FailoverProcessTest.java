package dev.quern.failover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.api.Job;
import dev.quern.client.JobHandle;
import dev.quern.examples.WordCount;
import dev.quern.job.EngineOptions;
import dev.quern.job.JobSpecs;
import dev.quern.job.TaskIds;
import dev.quern.proto.JobStatus;
import dev.quern.proto.MapCommit;
import dev.quern.proto.ReduceCommit;
import dev.quern.testing.Corpus;
import dev.quern.testing.Outputs;
import dev.quern.testing.ProcessCluster;
import dev.quern.testing.SequentialRunner;
import dev.quern.testing.Wait;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Coordinator failover and ZooKeeper trouble with real processes (ZooKeeper, two coordinators, three
 * executors, each its own JVM). The job is WordCount whose maps from {@link #GATE_FROM} on wait for a
 * gate file, so the fault strikes while some maps are finished and others run; its output is
 * compared with the sequential oracle.
 */
@Timeout(240)
class FailoverProcessTest {

    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(150);
    private static final int GATE_FROM = 4;
    private static final Pattern LAUNCH = Pattern.compile("attempt \\S+ launched on");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private Path corpus() throws Exception {
        Path corpus = dir.resolve("corpus");
        Corpus text = new Corpus(17, 2000);
        text.write(corpus.resolve("a.txt"), 150_000, "\n");
        text.write(corpus.resolve("b.txt"), 90_000, "\n");
        return corpus;
    }

    private Job.Builder wordCount(Path input, Path output) {
        return Job.builder("wordcount").input(input).output(output).combiner(WordCount.SumReducer.class)
                .reducer(WordCount.SumReducer.class).mapOutput(String.class, Long.class).reducers(3)
                .set(EngineOptions.SPLIT_SIZE, Long.toString(24 * 1024));
    }

    private JobHandle submitGated(ProcessCluster cluster, Path input, Path output) throws Exception {
        Job job = wordCount(input, output).mapper(GateFileMapper.class)
                .set(GateFileMapper.DIR, dir.resolve("gate").toString()).set(GateFileMapper.FROM, Integer.toString(GATE_FROM)).build();
        return cluster.client().submit(JobSpecs.toSpec(job), status -> { });
    }

    /** The journaled map commits of the job: task id to winning attempt id. */
    private static Map<String, String> mapCommits(ProcessCluster cluster, String jobId) {
        Map<String, String> commits = new TreeMap<>();
        try {
            for (String task : cluster.zk().getChildren().forPath(cluster.paths().jobMaps(jobId))) {
                commits.put(task, MapCommit.parseFrom(cluster.zk().getData().forPath(cluster.paths().jobMap(jobId, task)))
                        .getLocation().getAttemptId());
            }
        } catch (KeeperException.NoNodeException e) {
            // not yet created, or just replaced
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the map commits of " + jobId, e);
        }
        return commits;
    }

    /** Attempt ids that ran, by task id, from the mapper's marker files. */
    private Map<String, List<String>> attemptsByTask() throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("gate").resolve("attempts"))) {
            return files.map(p -> p.getFileName().toString()).sorted()
                    .collect(Collectors.groupingBy(TaskIds::taskOf, TreeMap::new, Collectors.toList()));
        }
    }

    private void assertOutputIsTheOracle(ProcessCluster cluster, JobStatus end, Path input, Path output) throws Exception {
        assertThat(end.getState()).as(() -> "job " + end.getJobId() + ": " + end.getError().getMessage() + "\n" + cluster.describe())
                .isEqualTo(JobStatus.State.SUCCEEDED);
        List<List<String>> parts = Outputs.parts(output, 3);
        Outputs.assertSortedAndPartitioned(parts);
        assertThat(parts).isEqualTo(SequentialRunner.run(wordCount(input, dir.resolve("oracle-unused"))
                .mapper(WordCount.TokenizerMapper.class).build()));
        assertThat(output.resolve("_temporary")).doesNotExist();
    }

    @Test
    void theStandbyFinishesTheJobOfAKilledLeaderWithoutRerunningSurvivingMaps() throws Exception {
        Path input = corpus();
        Path output = dir.resolve("out");
        Duration session = Duration.ofSeconds(4);
        try (ProcessCluster cluster = ProcessCluster.builder(dir.resolve("cluster")).coordinators(2).executors(3)
                .sessionTimeout(session).start()) {
            JobHandle handle = submitGated(cluster, input, output);
            String job = handle.jobId();
            Wait.until(GATE_FROM + " maps committed", JOB_TIMEOUT, () -> mapCommits(cluster, job).size() >= GATE_FROM);
            Map<String, String> before = mapCommits(cluster, job);
            assertThat(before).hasSize(GATE_FROM);
            killLeaderAndAwaitTheStandby(cluster, session, before.keySet());
            Files.createFile(dir.resolve("gate").resolve("open"));

            JobStatus end = handle.await(JOB_TIMEOUT);
            assertOutputIsTheOracle(cluster, end, input, output);
            Map<String, String> after = mapCommits(cluster, job);
            Map<String, List<String>> attempts = attemptsByTask();
            before.forEach((task, attempt) -> {
                assertThat(after.get(task)).as("the commit of %s, finished before the failover", task).isEqualTo(attempt);
                assertThat(attempts.get(task)).as("attempts of %s, finished before the failover", task).containsExactly(attempt);
            });
            assertThat(attempts.keySet()).as("every map ran").hasSize(end.getProgress().getMapsTotal());
            assertThat(attempts.entrySet()).filteredOn(e -> !before.containsKey(e.getKey()))
                    .as("gated maps ran again under the new leader")
                    .allSatisfy(e -> assertThat(e.getValue()).anyMatch(a -> !a.contains(".e1.")));
        }
    }

    /**
     * Kills the leader, waits for the standby to launch, prints how long that took, and checks that
     * the dead leader's attempts of tasks not in {@code finished}, waiting at a gate, are killed.
     */
    private void killLeaderAndAwaitTheStandby(ProcessCluster cluster, Duration session, Set<String> finished) throws Exception {
        int leader = cluster.leader();
        int standby = 1 - leader;
        cluster.killCoordinator(leader);
        long killed = System.nanoTime();
        Wait.until("the standby to launch attempts", JOB_TIMEOUT, () -> LAUNCH.matcher(cluster.coordinator(standby).output()).find());
        System.out.printf("failover: SIGKILL of the leader to the standby's first launch: %d ms (session timeout %d ms)%n",
                (System.nanoTime() - killed) / 1_000_000, session.toMillis());
        // Not left holding slots: the new leader kills what it did not launch.
        List<String> orphans = attemptsByTask().entrySet().stream().filter(e -> !finished.contains(e.getKey()))
                .flatMap(e -> e.getValue().stream()).filter(a -> a.contains(".e1.")).toList();
        assertThat(orphans).isNotEmpty();
        Wait.until("the old leader's attempts " + orphans + " to be killed", JOB_TIMEOUT,
                () -> orphans.stream().allMatch(a -> Files.exists(dir.resolve("gate").resolve("killed").resolve(a))));
    }

    @Test
    void theStandbyKeepsTheCommittedReducesAndEveryMapOutputOfAKilledLeader() throws Exception {
        Path input = corpus();
        Path output = dir.resolve("out");
        Duration session = Duration.ofSeconds(4);
        try (ProcessCluster cluster = ProcessCluster.builder(dir.resolve("cluster")).coordinators(2).executors(3)
                .sessionTimeout(session).start()) {
            // Maps run free; reduces 1 and 2 wait at the gate, reduce 0 commits.
            Job job = wordCount(input, output).mapper(GateFileMapper.class).reducer(GateFileReducer.class)
                    .set(GateFileMapper.DIR, dir.resolve("gate").toString()).set(GateFileMapper.FROM, "1000")
                    .set(GateFileReducer.FROM, "1").build();
            JobHandle handle = cluster.client().submit(JobSpecs.toSpec(job), status -> { });
            String jobId = handle.jobId();
            Wait.until("reduce r-00000 committed", JOB_TIMEOUT, () -> reduceCommit(cluster, jobId) != null);
            String committed = reduceCommit(cluster, jobId);
            Map<String, String> maps = mapCommits(cluster, jobId);

            Set<String> finished = new HashSet<>(maps.keySet());
            finished.add("r-00000");
            killLeaderAndAwaitTheStandby(cluster, session, finished);
            Files.createFile(dir.resolve("gate").resolve("open-reduces"));

            JobStatus end = handle.await(JOB_TIMEOUT);
            assertOutputIsTheOracle(cluster, end, input, output);
            assertThat(reduceCommit(cluster, jobId)).as("the committed reduce is kept").isEqualTo(committed);
            assertThat(mapCommits(cluster, jobId)).as("every map output survived on a live executor").isEqualTo(maps);
            Map<String, List<String>> attempts = attemptsByTask();
            assertThat(attempts.get("r-00000")).containsExactly(committed);
            assertThat(attempts.entrySet()).filteredOn(e -> e.getKey().startsWith("m-")).hasSize(end.getProgress().getMapsTotal())
                    .as("no map ran twice").allSatisfy(e -> assertThat(e.getValue()).hasSize(1));
        }
    }

    /** The attempt id of the journaled commit of reduce r-00000, or null. */
    private static String reduceCommit(ProcessCluster cluster, String jobId) {
        try {
            return ReduceCommit.parseFrom(cluster.zk().getData().forPath(cluster.paths().jobReduce(jobId, "r-00000"))).getAttemptId();
        } catch (KeeperException.NoNodeException e) {
            return null;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the commit of r-00000 of " + jobId, e);
        }
    }

    @Test
    void aZooKeeperRestartMidJobDoesNotFailTheJob() throws Exception {
        Path input = corpus();
        Path output = dir.resolve("out");
        // Long enough for ZooKeeper to come back within it: the sessions, and so the leader and members, live on.
        Duration session = Duration.ofSeconds(20);
        try (ProcessCluster cluster = ProcessCluster.builder(dir.resolve("cluster")).coordinators(2).executors(3)
                .sessionTimeout(session).start()) {
            JobHandle handle = submitGated(cluster, input, output);
            String job = handle.jobId();
            Wait.until(GATE_FROM + " maps committed", JOB_TIMEOUT, () -> mapCommits(cluster, job).size() >= GATE_FROM);
            Map<String, String> before = mapCommits(cluster, job);
            int leader = cluster.leader();

            // Opened first: maps finish, and their updates reach the leader, while ZooKeeper is away.
            Files.createFile(dir.resolve("gate").resolve("open"));
            Duration down = cluster.restartZooKeeper();
            System.out.printf("ZooKeeper restarted: down %d ms (session timeout %d ms)%n", down.toMillis(), session.toMillis());

            JobStatus end = handle.await(JOB_TIMEOUT);
            assertOutputIsTheOracle(cluster, end, input, output);
            assertThat(cluster.leader()).as("the leader kept office").isEqualTo(leader);
            Map<String, List<String>> attempts = attemptsByTask();
            before.forEach((task, attempt) -> assertThat(attempts.get(task)).as("attempts of %s", task).containsExactly(attempt));
        }
    }
}
