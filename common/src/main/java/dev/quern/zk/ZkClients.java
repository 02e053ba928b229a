package dev.quern.zk;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.state.SessionConnectionStateErrorPolicy;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.client.ZKClientConfig;

/** Connects a daemon's Curator client, failing fast with the address when ZooKeeper cannot be reached. */
public final class ZkClients {

    private ZkClients() {}

    /**
     * A started client, connected; the session timeout is how long until this process is declared
     * dead. Curator would retry an unreachable ensemble forever, so a daemon gives up after
     * {@code connectTimeout} with an error naming the address.
     */
    public static CuratorFramework connect(String connectString, Duration sessionTimeout, Duration connectTimeout)
            throws IOException, InterruptedException {
        CuratorFramework zk = CuratorFrameworkFactory.builder().connectString(connectString)
                .sessionTimeoutMs((int) sessionTimeout.toMillis())
                // Curator uses the smaller of the two anyway, and warns when the session is the smaller.
                .connectionTimeoutMs((int) Math.min(15_000, sessionTimeout.toMillis()))
                .retryPolicy(new ExponentialBackoffRetry(200, 10))
                // Only a lost session is an error: a leader keeps its latch, and an executor its
                // tasks, through a short disconnection (SUSPENDED) that ends in the same session.
                .connectionStateErrorPolicy(new SessionConnectionStateErrorPolicy())
                .zkClientConfig(clientConfig())
                .build();
        zk.start();
        if (!zk.blockUntilConnected((int) connectTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
            zk.close();
            throw new IOException("cannot reach ZooKeeper at " + connectString + " within " + seconds(connectTimeout));
        }
        return zk;
    }

    /**
     * ZooKeeper's client settings for every client of ours: its Netty socket instead of its NIO one,
     * whose close sleeps 100 ms (ClientCnxnSocketNIO.cleanup) and so held up every daemon's close
     * and every embedded cluster's by a tenth of a second. A new object each time: the client keeps
     * and may change it.
     */
    public static ZKClientConfig clientConfig() {
        ZKClientConfig config = new ZKClientConfig();
        config.setProperty(ZKClientConfig.ZOOKEEPER_CLIENT_CNXN_SOCKET, "org.apache.zookeeper.ClientCnxnSocketNetty");
        return config;
    }

    /** "15 s", or "1500 ms" when not a whole number of seconds. */
    public static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
