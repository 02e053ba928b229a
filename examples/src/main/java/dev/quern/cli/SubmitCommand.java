package dev.quern.cli;

import dev.quern.api.Workflow;
import dev.quern.jar.JobJar;
import dev.quern.workflow.ClientSubmitter;
import dev.quern.workflow.OutputState;
import dev.quern.workflow.WorkflowResult;
import dev.quern.workflow.WorkflowRunner;
import dev.quern.wire.QuernException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mr submit}: plans a job program in this process and submits its jobs, one step at a time,
 * to the leading coordinator of a running cluster; attached, it shows their progress and counters.
 */
@Command(name = "submit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Submit a job program to a running cluster (mr cluster up, or daemons started by hand) and follow "
                + "it: live progress on stderr, then the counters. The program is planned here; its paths must name the "
                + "same files on every executor (one machine, or a shared volume). Interrupting this command stops "
                + "only the watching: the job runs on (mr status, mr kill).",
                "--detach submits and prints the job id alone. It needs exactly one job to run: a chain whose earlier "
                + "steps are all complete (OUT/_SUCCESS) submits its last step; any other chain is refused.",
                "Exit: 0 every step succeeded or was skipped, 1 a job failed or the cluster cannot be reached, "
                + "2 bad usage or input (nothing was submitted)."})
final class SubmitCommand implements Callable<Integer> {

    /** An attached submit waits as long as the job runs: the user interrupts it, not a timer. */
    private static final Duration NO_LIMIT = Duration.ofDays(3650);

    @Spec
    private CommandSpec spec;

    @Mixin
    private ClientOptions cluster;

    @Mixin
    private JobOptions jobOptions;

    @Option(names = "--detach", description = "print the job id and return at once")
    private boolean detach;

    @Option(names = "--jar", paramLabel = "JOBJAR",
            description = "a job jar: JOB is a Tool class in it; the jar is shipped to the cluster (stored once, by SHA-256)")
    private Path jarPath;

    @Option(names = "--reducers", defaultValue = "1", description = "reducers, a hint to the job (default ${DEFAULT-VALUE})")
    private int reducers;

    @Parameters(index = "0", paramLabel = "JOB", description = "a built-in job (${COMPLETION-CANDIDATES}) or a Tool's class name",
            completionCandidates = LocalCommand.JobNames.class)
    private String jobName;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "the job's arguments")
    private List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (reducers < 1) {
            err.println("mr submit: --reducers must be >= 1, got " + reducers);
            return 2;
        }
        if (jarPath == null) {
            return submit(null, out, err);
        }
        JobJar jar;
        try {
            jar = JobJar.open(jarPath);
        } catch (IllegalArgumentException e) {
            err.println("mr submit: " + e.getMessage());
            return 2;
        }
        try (jar) {
            return submit(jar, out, err);
        }
    }

    /** Plans and submits with the tool's classes from {@code jar}, or from the classpath when it is null. */
    private int submit(JobJar jar, PrintWriter out, PrintWriter err) throws Exception {
        Optional<Workflow> planned = JobPlans.plan("submit", jar, jobName, args, reducers, err);
        if (planned.isEmpty()) {
            return 2;
        }
        Optional<Workflow> withOptions = jobOptions.apply(planned.get(), "mr submit", err);
        if (withOptions.isEmpty()) {
            return 2;
        }
        Workflow workflow = withOptions.get();
        Optional<Workflow.Step> detached = Optional.empty();
        if (detach) {
            detached = stepToDetach(workflow, err);
            if (detached.isEmpty()) {
                return 2;
            }
        }
        try (ClusterClient c = ClusterClient.connectToLeader(cluster)) {
            if (detached.isPresent()) {
                try {
                    String jobId = new ClientSubmitter(c.client(), NO_LIMIT, jar).submit(detached.get().job(), s -> {}).jobId();
                    out.println(jobId);
                    out.flush();
                    return 0;
                } catch (QuernException e) {
                    err.println("mr submit: job '" + detached.get().job().name() + "' refused: " + e.error().getMessage());
                    return 2;
                }
            }
            WorkflowReporter reporter = new WorkflowReporter(workflow, out, err);
            ProgressPrinter progress = new ProgressPrinter(reporter, err, System.console() != null);
            // Ctrl-C stops the watching, not the job: say so, and how to reach it.
            Thread interrupted = new Thread(() -> progress.runningJob().ifPresent(id -> {
                progress.endLine();
                err.println("mr submit: stopped watching; job " + id + " runs on (mr status " + id + ", mr kill " + id + ")");
                err.flush();
            }), "mr-submit-interrupted");
            Runtime.getRuntime().addShutdownHook(interrupted);
            try {
                WorkflowResult result = new WorkflowRunner(new ClientSubmitter(c.client(), NO_LIMIT, jar), progress).run(workflow);
                progress.endLine();
                return reporter.finished(result);
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(interrupted);
                } catch (IllegalStateException e) {
                    // the JVM is shutting down (Ctrl-C): the hook runs and says where the job is
                }
            }
        } catch (ClusterClient.UnreachableException e) {
            err.println("mr submit: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("mr submit: " + e.getMessage());
            return 2;
        }
    }

    /** The one step --detach may submit: the only one whose output is not complete, and that one ABSENT. */
    private static Optional<Workflow.Step> stepToDetach(Workflow workflow, PrintWriter err) {
        List<Workflow.Step> toRun = workflow.steps().stream()
                .filter(s -> OutputState.of(s.job().output()) != OutputState.COMPLETE).toList();
        if (toRun.size() != 1) {
            err.println("mr submit: --detach submits one job, and workflow " + workflow.name() + " has " + toRun.size()
                    + " steps to run; run it attached (without --detach), or run its earlier steps first");
            return Optional.empty();
        }
        Workflow.Step step = toRun.get(0);
        if (OutputState.of(step.job().output()) == OutputState.INCOMPLETE) {
            err.println("mr submit: " + OutputState.incompleteMessage(step.job().output()));
            return Optional.empty();
        }
        return Optional.of(step);
    }
}
