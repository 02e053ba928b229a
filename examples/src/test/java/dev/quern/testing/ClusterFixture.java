package dev.quern.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.api.HashPartitioner;
import dev.quern.api.Job;
import dev.quern.api.Workflow;
import dev.quern.local.LocalCluster;
import dev.quern.proto.Counter;
import dev.quern.proto.JobStatus;
import dev.quern.workflow.StepResult;
import dev.quern.workflow.WorkflowListener;
import dev.quern.workflow.WorkflowResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * One embedded cluster (a real ZooKeeper, coordinator and two executors) shared by the tests of a
 * class, and helpers to run a job or workflow on it and read what it wrote.
 */
public abstract class ClusterFixture {

    private static final AtomicInteger OUTPUTS = new AtomicInteger();

    @TempDir
    protected static Path dir;
    private static TestingServer zk;
    protected static LocalCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        zk = new TestingServer();
        cluster = LocalCluster.builder().executors(2).zookeeper(zk.getConnectString())
                .workDir(dir.resolve("cluster")).jobTimeout(Duration.ofMinutes(2)).start();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster.close();
        zk.close();
    }

    protected static Path newOutput() {
        return dir.resolve("out-" + OUTPUTS.incrementAndGet());
    }

    /** Runs a workflow and requires every step to succeed. */
    protected static WorkflowResult runOk(Workflow flow) throws Exception {
        WorkflowResult result = cluster.run(flow, new WorkflowListener() {});
        assertThat(result.succeeded()).as("%s", result.firstFailure().map(StepResult::reason)).isTrue();
        return result;
    }

    /** Runs one job and requires it to succeed; its final status. */
    protected static JobStatus runOk(Job job) throws Exception {
        return runOk(Workflow.of(job)).steps().get(0).status().orElseThrow();
    }

    protected static long counter(JobStatus s, String group, String name) {
        return s.getCountersList().stream().filter(c -> c.getGroup().equals(group) && c.getName().equals(name))
                .mapToLong(Counter::getValue).sum();
    }

    /** Every line of {@code part-r-*} in OUT (after checking OUT holds exactly R parts), sorted by UTF-8 bytes. */
    protected static List<String> allLinesSorted(Path out, int reducers) throws Exception {
        List<String> all = new ArrayList<>();
        Outputs.parts(out, reducers).forEach(all::addAll);
        return sortedByBytes(all);
    }

    public static List<String> sortedByBytes(List<String> lines) {
        List<String> sorted = new ArrayList<>(lines);
        sorted.sort((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
        return sorted;
    }

    protected static Path write(Path file, String content) throws Exception {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    /**
     * Like {@link Outputs#assertSortedAndPartitioned}, for keys that may hold tabs themselves (a
     * grepped line, {@code page<TAB>decade}): the value is what follows the last tab.
     */
    protected static void assertSortedAndPartitionedByLastTab(List<List<String>> parts) {
        HashPartitioner partitioner = new HashPartitioner();
        for (int r = 0; r < parts.size(); r++) {
            byte[] previous = null;
            for (String line : parts.get(r)) {
                byte[] key = line.substring(0, line.lastIndexOf('\t')).getBytes(StandardCharsets.UTF_8);
                assertThat(partitioner.partition(key, 0, key.length, parts.size())).as("partition of '%s' in part %d", line, r).isEqualTo(r);
                if (previous != null) {
                    assertThat(Arrays.compareUnsigned(previous, key)).as("order at '%s' in part %d", line, r).isLessThan(0);
                }
                previous = key;
            }
        }
    }

    /** {@code uniq -c}'s {@code "      3 line"} as {@code line<TAB>3}: the engine's key<TAB>count. */
    public static final String UNIQ_TO_TAB = "sed -E 's/^ *([0-9]+) (.*)$/\\2\\t\\1/'";
}
