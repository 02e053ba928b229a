package dev.quern.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mr zookeeper}: a standalone ZooKeeper server for development clusters, until SIGTERM. */
@Command(name = "zookeeper", mixinStandardHelpOptions = true, sortOptions = false, footer = DaemonOptions.FOOTER,
        description = "Run a standalone ZooKeeper server for a development cluster (one server: no replication). "
                + "Prints 'quern zookeeper HOST:PORT ready: ...' once it accepts clients.")
final class ZooKeeperCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", description = "the client port (default 2181; 0: any free port)")
    private String port;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "the address to listen on (default 127.0.0.1)")
    private String host;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "snapshots and transaction logs, kept across restarts (default: a new temporary directory, deleted at exit)")
    private String dataDir;

    @Option(names = "--tick", paramLabel = "DURATION",
            description = "ZooKeeper's tick: sessions expire on tick boundaries and last at least 2 ticks (default 200ms)")
    private String tick;

    @Mixin
    private DaemonOptions daemon;

    @Override
    public Integer call() {
        return DaemonRunner.run(spec, "zookeeper", ZooKeeperDaemon::new);
    }
}
