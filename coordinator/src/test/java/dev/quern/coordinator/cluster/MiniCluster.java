package dev.quern.coordinator.cluster;

import dev.quern.client.QuernClient;
import dev.quern.coordinator.Coordinator;
import dev.quern.coordinator.CoordinatorConfig;
import dev.quern.executor.Executor;
import dev.quern.executor.ExecutorConfig;
import dev.quern.zk.ZkPaths;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.test.TestingServer;

/**
 * A coordinator and real executors (one slot each) on 127.0.0.1, on a Curator TestingServer, with a
 * client: everything but the examples module's LocalCluster, which this module cannot see.
 */
final class MiniCluster implements AutoCloseable {

    final TestingServer zk;
    final Coordinator coordinator;
    final List<Executor> executors = new ArrayList<>();
    final List<Path> workDirs = new ArrayList<>();
    final QuernClient client;
    private final CuratorFramework clientZk;

    MiniCluster(Path dir, int executorCount) throws Exception {
        zk = new TestingServer();
        String root = "/quern-test";
        coordinator = new Coordinator(CoordinatorConfig.loopback(zk.getConnectString()).withRoot(root));
        coordinator.start();
        for (int i = 0; i < executorCount; i++) {
            Path work = dir.resolve("executor-" + i);
            Executor e = new Executor(ExecutorConfig.loopback(zk.getConnectString(), work).withRoot(root));
            e.start();
            executors.add(e);
            workDirs.add(work);
        }
        clientZk = CuratorFrameworkFactory.newClient(zk.getConnectString(), new ExponentialBackoffRetry(200, 5));
        clientZk.start();
        client = new QuernClient(clientZk, new ZkPaths(root));
        client.connect(Duration.ofSeconds(30));
    }

    /** The executor whose work directory holds {@code attemptId} of {@code jobId}, or -1. */
    int executorWith(String jobId, String attemptId) {
        for (int i = 0; i < workDirs.size(); i++) {
            if (workDirs.get(i).resolve("jobs").resolve(jobId).resolve(attemptId).toFile().exists()) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() throws Exception {
        client.close();
        clientZk.close();
        for (Executor e : executors) {
            e.close();
        }
        coordinator.close();
        zk.close();
    }
}
