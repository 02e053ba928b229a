package dev.quern.local;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

/**
 * A real standalone ZooKeeper server inside this JVM, on 127.0.0.1: the embedded cluster's
 * coordination service. Sessions, watches and ephemeral znodes behave exactly as on a real ensemble.
 */
public final class EmbeddedZooKeeper implements AutoCloseable {

    private final ZooKeeperServer server;
    private final ServerCnxnFactory factory;

    private EmbeddedZooKeeper(ZooKeeperServer server, ServerCnxnFactory factory) {
        this.server = server;
        this.factory = factory;
    }

    /**
     * Starts a server keeping its data in {@code dataDir}, on {@code port} (0: any free port).
     * {@code tickMillis} bounds session timeouts to [2, 20] ticks.
     */
    public static EmbeddedZooKeeper start(Path dataDir, int port, int tickMillis) throws IOException, InterruptedException {
        File dir = dataDir.toFile();
        ZooKeeperServer server = new ZooKeeperServer(dir, dir, tickMillis);
        ServerCnxnFactory factory = ServerCnxnFactory.createFactory(new InetSocketAddress("127.0.0.1", port), 100);
        factory.startup(server);
        return new EmbeddedZooKeeper(server, factory);
    }

    public int port() {
        return factory.getLocalPort();
    }

    public String connectString() {
        return "127.0.0.1:" + port();
    }

    @Override
    public void close() {
        factory.shutdown();
        server.shutdown();
    }
}
