package dev.quern.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bin/mr}: the command line of Quern. Exit codes: 0 done, 1 the job failed, 2 bad usage or input. */
@Command(name = "mr", mixinStandardHelpOptions = true, version = "Quern 0.1.0",
        description = "Quern: a MapReduce engine on ZooKeeper and Netty.")
public final class Main implements Runnable {

    private static final List<Class<?>> COMMANDS = List.of(
            LocalCommand.class,
            ZooKeeperCommand.class,
            CoordinatorCommand.class,
            ExecutorCommand.class,
            SubmitCommand.class,
            JobsCommand.class,
            StatusCommand.class,
            KillCommand.class,
            LogsCommand.class,
            ClusterCommand.class);

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        // Netty 4.2 declares JFR events for its allocator; the first one it builds sets up JFR's
        // event metadata (bytecode generation, annotation proxies): ~0.1 s of every start, for
        // events nobody records here. -Dio.netty.jfr.enabled=true brings them back.
        if (System.getProperty("io.netty.jfr.enabled") == null) {
            System.setProperty("io.netty.jfr.enabled", "false");
        }
        System.exit(run(args));
    }

    /** Runs the CLI without exiting the JVM, for tests. */
    public static int run(String... args) {
        return commandLine(args).execute(args);
    }

    /** Runs the CLI with its output captured, for tests. */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        return commandLine(args).setOut(out).setErr(err).execute(args);
    }

    /** The command line with every command. */
    static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The command line for {@code args}: with only the command that {@code args[0]} names, when it
     * names one. Picocli reads every command's annotations when it is added (~30 ms for all of
     * them at a cold start); usage and "did you mean" need them all, a run needs one. Everything
     * after a command's first positional (the job's name) is the job's, options included.
     */
    static CommandLine commandLine(String[] args) {
        CommandLine main = new CommandLine(new Main());
        Class<?> named = null;
        for (Class<?> command : COMMANDS) {
            if (args.length > 0 && name(command).equals(args[0])) {
                named = command;
            }
        }
        for (Class<?> command : named != null ? List.of(named) : COMMANDS) {
            main.addSubcommand(name(command), command);
        }
        return main.setStopAtPositional(true);
    }

    private static String name(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command");
    }
}
