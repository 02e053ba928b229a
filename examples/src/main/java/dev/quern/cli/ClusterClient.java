package dev.quern.cli;

import dev.quern.client.QuernClient;
import dev.quern.proto.ExecutorInfo;
import dev.quern.zk.ZkClients;
import dev.quern.zk.ZkPaths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

/**
 * A client command's connection to a running cluster: ZooKeeper, then the leader. Every step has a
 * deadline, so a wrong {@code --zk} fails in seconds with a message naming the address.
 */
final class ClusterClient implements AutoCloseable {

    /** The cluster cannot be reached; the message says which part and where. */
    static final class UnreachableException extends Exception {
        private static final long serialVersionUID = 1L;

        UnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final Duration SESSION = Duration.ofSeconds(10);

    private final CuratorFramework zk;
    private final ZkPaths paths;
    private QuernClient client;

    private ClusterClient(CuratorFramework zk, ZkPaths paths) {
        this.zk = zk;
        this.paths = paths;
    }

    /** Connects to ZooKeeper only (for reading the members). */
    static ClusterClient connect(ClientOptions options) throws UnreachableException, InterruptedException {
        Duration timeout = options.timeout();
        String address = options.zkConnect();
        try {
            return new ClusterClient(ZkClients.connect(address, SESSION, timeout), options.paths());
        } catch (java.io.IOException | RuntimeException e) {
            throw new UnreachableException(e.getMessage() + " (--zk " + address + ")", e);
        }
    }

    /** Connects to ZooKeeper and then to the leading coordinator. */
    static ClusterClient connectToLeader(ClientOptions options) throws UnreachableException, InterruptedException {
        ClusterClient c = connect(options);
        try {
            c.client = new QuernClient(c.zk, c.paths);
            c.client.connect(options.timeout());
            return c;
        } catch (TimeoutException e) {
            c.close();
            throw new UnreachableException(e.getMessage() + " (--zk " + options.zkConnect() + options.zkRoot
                    + "): is a coordinator running?", e);
        } catch (RuntimeException e) {
            c.close();
            throw new UnreachableException("cannot connect to the leading coordinator: " + e, e);
        }
    }

    QuernClient client() {
        return client;
    }

    /** The live executors, as their znodes say. */
    List<ExecutorInfo> executors() throws Exception {
        List<ExecutorInfo> infos = new ArrayList<>();
        List<String> ids;
        try {
            ids = zk.getChildren().forPath(paths.executors());
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        }
        for (String id : ids.stream().sorted().toList()) {
            try {
                infos.add(ExecutorInfo.parseFrom(zk.getData().forPath(paths.executors() + "/" + id)).toBuilder()
                        .setExecutorId(id).build());
            } catch (KeeperException.NoNodeException e) {
                // left meanwhile
            }
        }
        return infos;
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        zk.close();
    }
}
