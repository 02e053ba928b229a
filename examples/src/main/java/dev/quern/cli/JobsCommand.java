package dev.quern.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mr jobs}: the jobs the leader knows. */
@Command(name = "jobs", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"List the jobs the leading coordinator knows: running ones and the last 100 ended ones, in submit "
                + "order.", "Exit: 0 listed, 1 the cluster cannot be reached."})
final class JobsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ClientOptions cluster;

    @Override
    public Integer call() throws Exception {
        try (ClusterClient c = ClusterClient.connectToLeader(cluster)) {
            JobTable.list(c.client().jobs(), spec.commandLine().getOut(), System.currentTimeMillis());
            spec.commandLine().getOut().flush();
            return 0;
        } catch (ClusterClient.UnreachableException e) {
            spec.commandLine().getErr().println("mr jobs: " + e.getMessage());
            return 1;
        }
    }
}
