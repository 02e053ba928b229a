package dev.quern.cli;

import dev.quern.io.FileTrees;
import dev.quern.local.EmbeddedZooKeeper;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** {@code mr zookeeper} as a {@link DaemonRunner.Daemon}: an {@link EmbeddedZooKeeper} on its own. */
final class ZooKeeperDaemon implements DaemonRunner.Daemon {

    // Long enough for any daemon's --session-timeout; a short tick must not cap them (see EmbeddedZooKeeper).
    private static final Duration MAX_SESSION = Duration.ofMinutes(1);

    private final String host;
    private final int port;
    private final Optional<Path> dataDir;
    private final Duration tick;
    private volatile Path dir;
    private volatile EmbeddedZooKeeper server;

    ZooKeeperDaemon(DaemonSettings settings) {
        host = settings.string("host", "127.0.0.1");
        port = settings.integer("port", 2181, 0, 65535);
        dataDir = settings.optional("data-dir").map(Path::of);
        tick = settings.duration("tick", Duration.ofMillis(200));
        if (tick.compareTo(Duration.ofSeconds(10)) > 0) {
            settings.problem("tick must be at most 10s, got " + tick.toMillis() + " ms");
        }
    }

    @Override
    public String start() throws Exception {
        dir = dataDir.isPresent() ? Files.createDirectories(dataDir.get()) : Files.createTempDirectory("quern-zookeeper-");
        server = EmbeddedZooKeeper.start(dir, new InetSocketAddress(host, port), (int) tick.toMillis(),
                (int) MAX_SESSION.toMillis(), true);
        return host + ":" + server.port() + " ready: data dir " + dir.toAbsolutePath() + ", tick " + tick.toMillis()
                + " ms, pid " + ProcessHandle.current().pid();
    }

    @Override
    public void close() throws Exception {
        if (server != null) {
            server.close();
        }
        if (dataDir.isEmpty() && dir != null) {
            FileTrees.delete(dir);
        }
    }
}
