package dev.quern.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mr coordinator}: one coordinator daemon in this process, until SIGTERM. */
@Command(name = "coordinator", mixinStandardHelpOptions = true, sortOptions = false, footer = DaemonOptions.FOOTER,
        description = "Run a coordinator: it stands for election and, while leader, accepts jobs on its client port "
                + "and schedules them on the executors. Prints 'quern coordinator ID ready: ...' once it stands.")
final class CoordinatorCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private MemberOptions member;

    @Option(names = "--port", paramLabel = "PORT",
            description = "the client port, published in ZooKeeper while leader (default 0: any free port)")
    private String port;

    @Mixin
    private DaemonOptions daemon;

    @Override
    public Integer call() {
        return DaemonRunner.run(spec, "coordinator", CoordinatorDaemon::new);
    }
}
