package dev.quern.cli;

import dev.quern.zk.ZkPaths;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options of a cluster member (coordinator or executor): where ZooKeeper is, and this host's address. */
final class MemberOptions {

    @Option(names = "--zk", paramLabel = "HOSTS", description = "ZooKeeper connect string host:port[,host:port...] (required)")
    String zk;

    @Option(names = "--zk-root", paramLabel = "PATH", description = "the cluster's root znode (default /quern)")
    String zkRoot;

    @Option(names = "--zk-timeout", paramLabel = "DURATION",
            description = "give up starting when ZooKeeper cannot be reached within this (default 15s)")
    String zkTimeout;

    @Option(names = "--session-timeout", paramLabel = "DURATION",
            description = "ZooKeeper session timeout: how long after this process dies the cluster notices (default 10s; "
                    + "the server bounds it to [2, 20] ticks)")
    String sessionTimeout;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "the address to listen on (default 127.0.0.1)")
    String host;

    @Option(names = "--advertise-host", paramLabel = "ADDRESS",
            description = "the address published in ZooKeeper for others to dial (default: --host)")
    String advertiseHost;

    /** The settings, as read; problems are noted in {@code settings}. */
    record Member(String zk, String zkRoot, Duration zkTimeout, Duration sessionTimeout, String host, String advertiseHost) {}

    static Member read(DaemonSettings settings) {
        String zk = settings.required("zk", "ZooKeeper address");
        String root = settings.string("zk-root", ZkPaths.DEFAULT_ROOT);
        try {
            new ZkPaths(root);
        } catch (IllegalArgumentException e) {
            settings.problem(e.getMessage());
        }
        String host = settings.string("host", "127.0.0.1");
        String advertise = settings.optional("advertise-host").orElse(host);
        if (isWildcard(advertise)) {
            settings.problem("give --advertise-host when --host is the wildcard address " + host
                    + ": the others must know an address to dial");
        }
        return new Member(zk, root, settings.duration("zk-timeout", Duration.ofSeconds(15)),
                settings.duration("session-timeout", Duration.ofSeconds(10)), host, advertise);
    }

    private static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }
}
