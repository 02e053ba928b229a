package dev.quern.coordinator.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quern.client.JobHandle;
import dev.quern.client.LeaderWatch;
import dev.quern.client.QuernClient;
import dev.quern.coordinator.Coordinator;
import dev.quern.coordinator.CoordinatorConfig;
import dev.quern.executor.Executor;
import dev.quern.executor.ExecutorConfig;
import dev.quern.executor.shuffle.RawPeer;
import dev.quern.job.EngineOptions;
import dev.quern.proto.Error;
import dev.quern.proto.InputSpec;
import dev.quern.proto.JobSpec;
import dev.quern.proto.JobStatus;
import dev.quern.proto.MapCommit;
import dev.quern.wire.QuernException;
import dev.quern.zk.ZkPaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leadership changing hands in one JVM (real coordinators, executors and ZooKeeper on 127.0.0.1):
 * the next leader resumes the job from the journal. Kill -9 of a leader process is in the examples
 * module's FailoverProcessTest.
 */
@Timeout(120)
class HandoverTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String ROOT = "/handover-test";

    @TempDir
    Path dir;
    private TestingServer zk;
    private final List<AutoCloseable> closing = new ArrayList<>();
    private CuratorFramework clientZk;
    private final ZkPaths paths = new ZkPaths(ROOT);

    @BeforeEach
    void start() throws Exception {
        GatedMapper.reset();
        zk = new TestingServer();
        clientZk = CuratorFrameworkFactory.newClient(zk.getConnectString(), new ExponentialBackoffRetry(200, 5));
        clientZk.start();
    }

    @AfterEach
    void stop() throws Exception {
        GatedMapper.open();
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        clientZk.close();
        zk.close();
    }

    private Coordinator coordinator() throws Exception {
        Coordinator c = new Coordinator(CoordinatorConfig.loopback(zk.getConnectString()).withRoot(ROOT));
        closing.add(c);
        c.start();
        return c;
    }

    private void executor(int i) throws Exception {
        Executor e = new Executor(ExecutorConfig.loopback(zk.getConnectString(), dir.resolve("executor-" + i)).withRoot(ROOT));
        closing.add(e);
        e.start();
    }

    private QuernClient client() throws Exception {
        QuernClient client = new QuernClient(clientZk, paths);
        closing.add(client);
        client.connect(DEADLINE);
        return client;
    }

    @Test
    void aCoordinatorAloneTakesOfficeAtTheFirstEpoch() throws Exception {
        coordinator();
        QuernClient client = client();

        // In office (not NOT_LEADER): no executor has registered yet, and it needs none to lead.
        RawPeer.awaitCondition("the leader to answer", DEADLINE, () -> {
            try {
                client.status("job-none");
                return false;
            } catch (QuernException e) {
                return e.error().getCode() == Error.Code.NOT_FOUND;
            }
        });
        assertThat(LeaderWatch.await(clientZk, paths, DEADLINE).getEpoch()).isEqualTo(1);
        assertThatThrownBy(() -> client.status("job-none")).isInstanceOf(QuernException.class).hasMessageContaining("job-none");
    }

    @Test
    void theNextLeaderResumesTheJobAndKeepsTheFinishedMap() throws Exception {
        Coordinator first = coordinator();
        Coordinator second = coordinator();
        executor(0);
        executor(1);
        List<JobStatus> statuses = new CopyOnWriteArrayList<>();
        Map<String, Long> expected = new TreeMap<>();
        JobHandle job = client().submit(job(expected), statuses::add);
        RawPeer.awaitCondition("the ungated map to finish", DEADLINE,
                () -> statuses.stream().anyMatch(s -> s.getProgress().getMapsDone() == 1));
        String done = mapCommits(job.jobId()).get("m-00000");
        assertThat(done).endsWith(".e1.1");

        Coordinator leader = first.isLeader() ? first : second;
        Coordinator next = leader == first ? second : first;
        leader.close(); // its office goes to the other, which resumes the job
        RawPeer.awaitCondition("the other coordinator to lead", DEADLINE, next::isLeader);
        GatedMapper.open();

        JobStatus end = job.await(DEADLINE);
        assertThat(end.getState()).as("job ended %s: %s", end.getState(), end.getError().getMessage()).isEqualTo(JobStatus.State.SUCCEEDED);
        Map<String, Long> counts = new TreeMap<>();
        for (int r = 0; r < 2; r++) {
            for (String line : Files.readAllLines(dir.resolve("out").resolve(String.format("part-r-%05d", r)))) {
                String[] kv = line.split("\t");
                counts.put(kv[0], Long.parseLong(kv[1]));
            }
        }
        assertThat(counts).isEqualTo(expected);
        assertThat(mapCommits(job.jobId())).as("the finished map kept, the gated one rerun by the next leader")
                .containsEntry("m-00000", done).hasEntrySatisfying("m-00001", a -> assertThat(a).contains(".e2."));
    }

    /** 20 lines in two maps; map m-00001's first attempt waits for the gate. */
    private JobSpec job(Map<String, Long> expected) throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            String word = String.format("w%03d", i * 7 % 6);
            text.append(word).append('\n');
            expected.merge(word, 1L, Long::sum);
        }
        Path input = Files.writeString(dir.resolve("input.txt"), text, StandardCharsets.UTF_8);
        return JobSpec.newBuilder().setName("handover")
                .addInputs(InputSpec.newBuilder().addPaths(input.toString()).setFormat(InputSpec.Format.TEXT)
                        .setMapperClass(GatedMapper.class.getName()))
                .setOutput(dir.resolve("out").toString())
                .setReducerClass(GatedMapper.CountReducer.class.getName()).setNumReducers(2)
                .setMapOutputKeyType(String.class.getName()).setMapOutputValueType(Long.class.getName())
                .setOutputKeyType(String.class.getName()).setOutputValueType(Long.class.getName())
                .putConfiguration(EngineOptions.SPLIT_SIZE, "50")
                .putConfiguration(EngineOptions.REDUCE_SLOWSTART, "1.0").build();
    }

    /** Task id to the attempt id of its journaled map commit. */
    private Map<String, String> mapCommits(String jobId) throws Exception {
        Map<String, String> commits = new TreeMap<>();
        for (String task : clientZk.getChildren().forPath(paths.jobMaps(jobId))) {
            commits.put(task, MapCommit.parseFrom(clientZk.getData().forPath(paths.jobMap(jobId, task))).getLocation().getAttemptId());
        }
        return commits;
    }
}
