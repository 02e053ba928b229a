package dev.quern.local;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.apache.zookeeper.server.NIOServerCnxnFactory;
import org.apache.zookeeper.server.ServerCnxn;
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
     * Starts a server keeping its data in {@code dataDir}, on {@code port} (0: any free port), for
     * the embedded cluster: without JMX beans, see {@link #start(Path, InetSocketAddress, int, int, boolean)}.
     * {@code tickMillis} bounds session timeouts to [2, 20] ticks.
     */
    public static EmbeddedZooKeeper start(Path dataDir, int port, int tickMillis) throws IOException, InterruptedException {
        return start(dataDir, new InetSocketAddress("127.0.0.1", port), tickMillis, 20 * tickMillis, false);
    }

    /**
     * Starts a server on {@code address} whose sessions may last from 2 ticks to
     * {@code maxSessionMillis} (ZooKeeper's own default maximum is 20 ticks: a short tick for quick
     * expiry would otherwise cut every daemon's session short too). With {@code jmx}, the server
     * and each connection are registered as JMX beans, as a standalone ZooKeeper does. That starts
     * the JVM's platform MBean server, ~0.1 s before the server accepts anyone: the embedded
     * cluster goes without, the {@code mr zookeeper} daemon with.
     */
    public static EmbeddedZooKeeper start(Path dataDir, InetSocketAddress address, int tickMillis, int maxSessionMillis,
            boolean jmx) throws IOException, InterruptedException {
        File dir = dataDir.toFile();
        ZooKeeperServer server = jmx ? new ZooKeeperServer(dir, dir, tickMillis) : new ServerWithoutJmx(dir, tickMillis);
        server.setMinSessionTimeout(2 * tickMillis);
        server.setMaxSessionTimeout(Math.max(2 * tickMillis, maxSessionMillis));
        ServerCnxnFactory factory = jmx ? new NIOServerCnxnFactory() : new ConnectionsWithoutJmx();
        factory.configure(address, 100);
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

    private static final class ServerWithoutJmx extends ZooKeeperServer {
        ServerWithoutJmx(File dir, int tickMillis) throws IOException {
            super(dir, dir, tickMillis);
        }

        @Override protected void registerJMX() {}
        @Override protected void unregisterJMX() {}
    }

    private static final class ConnectionsWithoutJmx extends NIOServerCnxnFactory {
        @Override public void registerConnection(ServerCnxn connection) {}
        @Override public void unregisterConnection(ServerCnxn connection) {}
    }
}
