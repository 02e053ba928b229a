package dev.quern.cli;

import dev.quern.zk.ZkPaths;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
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

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "give up when ZooKeeper or a leading coordinator cannot be reached within this (default ${DEFAULT-VALUE})")
    Duration connectTimeout;

    String zkConnect() {
        return Optional.ofNullable(zk).or(() -> Optional.ofNullable(System.getenv("QUERN_ZK")).filter(s -> !s.isBlank()))
                .orElse(DEFAULT_ZK);
    }

    Duration timeout() {
        return connectTimeout;
    }

    /** 500ms, 10s or 2m; a bad value is a usage error (exit 2) that picocli reports with the option's name. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Matcher m = DURATION.matcher(value.strip());
            if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
                throw new CommandLine.TypeConversionException("must be a positive duration like 500ms, 10s or 2m, got '" + value + "'");
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                default -> Duration.ofMinutes(n);
            };
        }
    }

    ZkPaths paths() {
        return new ZkPaths(zkRoot);
    }
}
