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
        return start(dataDir, new InetSocketAddress("127.0.0.1", port), tickMillis, 20 * tickMillis);
    }

    /**
     * Starts a server on {@code address} whose sessions may last from 2 ticks to
     * {@code maxSessionMillis} (ZooKeeper's own default maximum is 20 ticks: a short tick for quick
     * expiry would otherwise cut every daemon's session short too).
     */
    public static EmbeddedZooKeeper start(Path dataDir, InetSocketAddress address, int tickMillis, int maxSessionMillis)
            throws IOException, InterruptedException {
        File dir = dataDir.toFile();
        ZooKeeperServer server = new ZooKeeperServer(dir, dir, tickMillis);
        server.setMinSessionTimeout(2 * tickMillis);
        server.setMaxSessionTimeout(Math.max(2 * tickMillis, maxSessionMillis));
        ServerCnxnFactory factory = ServerCnxnFactory.createFactory(address, 100);
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
