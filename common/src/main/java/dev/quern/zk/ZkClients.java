package dev.quern.zk;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.state.SessionConnectionStateErrorPolicy;
import org.apache.curator.retry.ExponentialBackoffRetry;

/** Connects a daemon's Curator client, failing fast with the address when ZooKeeper cannot be reached. */
public final class ZkClients {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private ZkClients() {}

    /** A started client, connected; the session timeout is how long until this process is declared dead. */
    public static CuratorFramework connect(String connectString, Duration sessionTimeout) throws IOException, InterruptedException {
        CuratorFramework zk = CuratorFrameworkFactory.builder().connectString(connectString)
                .sessionTimeoutMs((int) sessionTimeout.toMillis()).connectionTimeoutMs(15_000)
                .retryPolicy(new ExponentialBackoffRetry(200, 10))
                // Only a lost session is an error: a leader keeps its latch, and an executor its
                // tasks, through a short disconnection (SUSPENDED) that ends in the same session.
                .connectionStateErrorPolicy(new SessionConnectionStateErrorPolicy())
                .build();
        zk.start();
        if (!zk.blockUntilConnected((int) CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            zk.close();
            throw new IOException("cannot connect to ZooKeeper at " + connectString + " within " + CONNECT_TIMEOUT.toSeconds() + " s");
        }
        return zk;
    }
}
