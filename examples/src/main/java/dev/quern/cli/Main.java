package dev.quern.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bin/mr}: the command line of Quern. Exit codes: 0 done, 1 the job failed, 2 bad usage or input. */
@Command(name = "mr", mixinStandardHelpOptions = true, version = "Quern 0.1.0",
        description = "Quern: a MapReduce engine on ZooKeeper and Netty.",
        subcommands = {
            LocalCommand.class,
            ZooKeeperCommand.class,
            CoordinatorCommand.class,
            ExecutorCommand.class,
            SubmitCommand.class,
            JobsCommand.class,
            StatusCommand.class,
            KillCommand.class,
            LogsCommand.class,
            ClusterCommand.class,
        })
public final class Main implements Runnable {

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI without exiting the JVM, for tests. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** Runs the CLI with its output captured, for tests. */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        return commandLine().setOut(out).setErr(err).execute(args);
    }

    /** Everything after a command's first positional (the job's name) is the job's, options included. */
    static CommandLine commandLine() {
        return new CommandLine(new Main()).setStopAtPositional(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command");
    }
}
