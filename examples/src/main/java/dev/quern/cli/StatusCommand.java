package dev.quern.cli;

import dev.quern.proto.Error;
import dev.quern.wire.QuernException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mr status JOBID}: one job's state, progress, error and counters. */
@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Show one job: its state, each phase's progress, its output, its error if it failed, and its "
                + "counters (of finished tasks, while it runs).",
                "Exit: 0 shown (whatever the job's state), 1 the cluster cannot be reached, 2 no job has that id."})
final class StatusCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ClientOptions cluster;

    @Parameters(index = "0", paramLabel = "JOBID", description = "a job id, as mr submit or mr jobs print it")
    private String jobId;

    @Override
    public Integer call() throws Exception {
        try (ClusterClient c = ClusterClient.connectToLeader(cluster)) {
            JobTable.detail(c.client().status(jobId), spec.commandLine().getOut(), System.currentTimeMillis());
            spec.commandLine().getOut().flush();
            return 0;
        } catch (QuernException e) {
            return refused("status", jobId, e, spec);
        } catch (ClusterClient.UnreachableException e) {
            spec.commandLine().getErr().println("mr status: " + e.getMessage());
            return 1;
        }
    }

    /** A refusal from the leader: an unknown id is the user's (2), anything else the cluster's (1). */
    static int refused(String command, String jobId, QuernException e, CommandSpec spec) {
        if (e.error().getCode() == Error.Code.NOT_FOUND) {
            spec.commandLine().getErr().println("mr " + command + ": no job with id '" + jobId
                    + "' (mr jobs lists the jobs the leader knows)");
            return 2;
        }
        spec.commandLine().getErr().println("mr " + command + ": " + e.error().getMessage());
        return 1;
    }
}
