package dev.quern.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mr cluster up|down}: a development cluster of local background processes. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Start or stop a cluster of local processes: the topology of docker-compose.yml (a ZooKeeper, "
                + "coordinators, executors), each its own JVM in the background, with pid files and logs in one directory.",
        subcommands = {ClusterUpCommand.class, ClusterDownCommand.class})
final class ClusterCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: up or down");
    }
}
