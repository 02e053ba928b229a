package dev.quern.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mr executor}: one executor daemon in this process, until SIGTERM. */
@Command(name = "executor", mixinStandardHelpOptions = true, sortOptions = false, footer = DaemonOptions.FOOTER,
        description = "Run an executor: task slots, a control server the leader dials and a shuffle server reducers "
                + "fetch from, announced by an ephemeral znode. Prints 'quern executor ID ready: ...' once it has joined.")
final class ExecutorCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private MemberOptions member;

    @Option(names = "--slots", paramLabel = "N", description = "attempts run at once (default: the number of processors)")
    private String slots;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "map outputs and attempt files; locked while in use (default: a new temporary directory, deleted at exit)")
    private String workDir;

    @Option(names = "--control-port", paramLabel = "PORT", description = "the port the leader dials (default 0: any free port)")
    private String controlPort;

    @Option(names = "--shuffle-port", paramLabel = "PORT", description = "the port reducers fetch from (default 0: any free port)")
    private String shufflePort;

    @Mixin
    private DaemonOptions daemon;

    @Override
    public Integer call() {
        return DaemonRunner.run(spec, "executor", ExecutorDaemon::new);
    }
}
