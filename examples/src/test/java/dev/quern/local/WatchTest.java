package dev.quern.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quern.api.Job;
import dev.quern.client.JobHandle;
import dev.quern.client.QuernClient;
import dev.quern.examples.WordCount;
import dev.quern.job.JobSpecs;
import dev.quern.proto.Error;
import dev.quern.proto.JobStatus;
import dev.quern.wire.QuernException;
import dev.quern.zk.ZkClients;
import dev.quern.zk.ZkPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second client follows a job by id (how a client picks a job up again on a new leader): it hears
 * the job's status and its end, the same end the submitting client saw.
 */
class WatchTest {

    @TempDir
    Path dir;

    @Test
    void anotherClientFollowsAJobByIdToItsEnd() throws Exception {
        Path in = Files.writeString(dir.resolve("in.txt"), "a b a\nc a b\n");
        try (TestingServer server = new TestingServer();
                LocalCluster cluster = LocalCluster.builder().executors(1).zookeeper(server.getConnectString())
                        .workDir(dir.resolve("cluster")).jobTimeout(Duration.ofMinutes(1)).start();
                CuratorFramework zk = ZkClients.connect(server.getConnectString(), Duration.ofSeconds(10), Duration.ofSeconds(10));
                QuernClient other = new QuernClient(zk, new ZkPaths(cluster.zkRoot()))) {
            other.connect(Duration.ofSeconds(10));
            Job job = WordCount.job(List.of(in.toString(), dir.resolve("out").toString()), 1);
            JobHandle submitted = cluster.client().submit(JobSpecs.toSpec(job), s -> {});
            List<JobStatus> seen = new CopyOnWriteArrayList<>();
            JobHandle followed = other.watch(submitted.jobId(), seen::add);

            JobStatus end = submitted.await(Duration.ofMinutes(1));
            assertThat(end.getState()).isEqualTo(JobStatus.State.SUCCEEDED);
            assertThat(followed.await(Duration.ofMinutes(1))).isEqualTo(end);
            assertThat(seen).isNotEmpty().last().isEqualTo(end);
            assertThat(Files.readString(dir.resolve("out/part-r-00000"))).isEqualTo("a\t3\nb\t2\nc\t1\n");

            assertThatThrownBy(() -> other.watch("job-9999999999", s -> {}))
                    .isInstanceOfSatisfying(QuernException.class, e -> assertThat(e.error().getCode()).isEqualTo(Error.Code.NOT_FOUND));
        }
    }
}
