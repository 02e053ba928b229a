package dev.quern.cli;

import dev.quern.proto.JobStatus;
import dev.quern.wire.QuernException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mr kill JOBID}: stops a running job. */
@Command(name = "kill", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Kill a running job: its attempts are stopped on every executor, and its output directory and "
                + "temporary files are removed. A job that has already ended is left as it is.",
                "Exit: 0 killed or already ended, 1 the cluster cannot be reached, 2 no job has that id."})
final class KillCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ClientOptions cluster;

    @Parameters(index = "0", paramLabel = "JOBID", description = "a job id, as mr submit or mr jobs print it")
    private String jobId;

    @Override
    public Integer call() throws Exception {
        try (ClusterClient c = ClusterClient.connectToLeader(cluster)) {
            // Asked first, so that a job killed earlier is not reported as killed now.
            JobStatus before = c.client().status(jobId);
            JobStatus s = before.getState() == JobStatus.State.RUNNING ? c.client().kill(jobId) : before;
            if (before.getState() == JobStatus.State.RUNNING && s.getState() == JobStatus.State.KILLED) {
                spec.commandLine().getOut().printf("job %s KILLED%n", jobId);
            } else {
                spec.commandLine().getOut().printf("job %s had already ended: %s%n", jobId, s.getState());
            }
            spec.commandLine().getOut().flush();
            return 0;
        } catch (QuernException e) {
            return StatusCommand.refused("kill", jobId, e, spec);
        } catch (ClusterClient.UnreachableException e) {
            spec.commandLine().getErr().println("mr kill: " + e.getMessage());
            return 1;
        }
    }
}
