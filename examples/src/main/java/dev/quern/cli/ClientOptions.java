package dev.quern.cli;

import dev.quern.zk.ZkPaths;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** Where the cluster is, for the client commands (submit, jobs, status, kill, logs). */
final class ClientOptions {

    static final String DEFAULT_ZK = "127.0.0.1:2181";
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");

    @Option(names = "--zk", paramLabel = "HOSTS",
            description = "ZooKeeper connect string host:port[,host:port...] (default: $QUERN_ZK, else " + DEFAULT_ZK + ")")
    String zk;

    @Option(names = "--zk-root", paramLabel = "PATH", defaultValue = ZkPaths.DEFAULT_ROOT,
            description = "the cluster's root znode (default ${DEFAULT-VALUE})")
    String zkRoot;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "give up when ZooKeeper or a leading coordinator cannot be reached within this (default ${DEFAULT-VALUE})")
    String connectTimeout;

    String zkConnect() {
        return Optional.ofNullable(zk).or(() -> Optional.ofNullable(System.getenv("QUERN_ZK")).filter(s -> !s.isBlank()))
                .orElse(DEFAULT_ZK);
    }

    /** @throws IllegalArgumentException naming the value when it is not a duration like 500ms, 10s or 2m */
    Duration timeout() {
        Matcher m = DURATION.matcher(connectTimeout.strip());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new IllegalArgumentException("--connect-timeout must be a positive duration like 500ms, 10s or 2m, got '"
                    + connectTimeout + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
    }

    ZkPaths paths() {
        return new ZkPaths(zkRoot);
    }
}
