package dev.quern.cli;

import dev.quern.api.Tool;
import dev.quern.api.Workflow;
import dev.quern.examples.Examples;
import dev.quern.jar.JobJar;
import dev.quern.local.LocalCluster;
import dev.quern.workflow.WorkflowCheck;
import dev.quern.workflow.WorkflowResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mr local}: runs a job, or a chain of jobs, on an embedded cluster (ZooKeeper, coordinator,
 * executors) in this JVM. Everything after JOB is the tool's (picocli stops at the first positional).
 */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = {"Run a job program on an embedded cluster in this JVM: an in-process ZooKeeper, a coordinator "
                + "and N executors on 127.0.0.1. A job program may be a chain of jobs: they run in order, and an "
                + "intermediate step whose OUT/_SUCCESS exists is skipped; the final OUT must not exist.",
                "Jobs: wordcount IN... OUT;  grep PATTERN IN... OUT;  invertedindex IN... OUT;  pi MAPS SAMPLES OUT;  "
                        + "topurls LOG OUT [--top N];  join EVENTS USERS OUT;  pagedemographics EVENTS USERS OUT;  "
                        + "teragen N OUT;  sort IN OUT;  teravalidate IN OUT;  or the class name of a dev.quern.api.Tool "
                        + "(with --jar, a Tool class in that jar).",
                "Exit: 0 every step succeeded or was skipped, 1 a job failed, 2 bad usage or input."})
final class LocalCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private JobOptions jobOptions;

    @Option(names = "--executors", defaultValue = "2", description = "executors to start (default ${DEFAULT-VALUE})")
    private int executors;

    @Option(names = "--slots", defaultValue = "1", description = "task slots per executor (default ${DEFAULT-VALUE})")
    private int slots;

    @Option(names = "--reducers", defaultValue = "1", description = "reducers, and so part files, a hint to the job (default ${DEFAULT-VALUE})")
    private int reducers;

    @Option(names = "--jar", paramLabel = "JOBJAR", description = "a job jar: JOB is a Tool class in it, and the "
            + "executors load the job's classes from it (see docs/writing-jobs.md)")
    private Path jarPath;

    @Parameters(index = "0", paramLabel = "JOB", description = "the job to run: ${COMPLETION-CANDIDATES}, or a Tool's class name",
            completionCandidates = JobNames.class)
    private String jobName;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "the job's arguments")
    private List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (jarPath == null) {
            return run(null);
        }
        PrintWriter err = spec.commandLine().getErr();
        JobJar jar;
        try {
            jar = JobJar.open(jarPath);
        } catch (IllegalArgumentException e) {
            err.println("mr: " + e.getMessage());
            return 2;
        }
        try (jar) {
            return run(jar);
        }
    }

    private int run(JobJar jar) throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Optional<Tool> tool;
        try {
            tool = jar == null ? Examples.find(jobName) : Optional.of(jar.tool(jobName));
        } catch (IllegalArgumentException e) {
            err.println("mr: " + e.getMessage());
            return 2;
        }
        if (tool.isEmpty()) {
            err.println("mr: unknown job '" + jobName + "'; known jobs: " + String.join(", ", Examples.names())
                    + ", or the full name of a class implementing " + Tool.class.getName());
            return 2;
        }
        if (executors < 1 || slots < 1 || reducers < 1) {
            err.println("mr: --executors, --slots and --reducers must be >= 1");
            return 2;
        }
        Workflow workflow;
        try {
            workflow = tool.get().plan(List.copyOf(args), reducers);
        } catch (IllegalArgumentException | IOException e) {
            err.println("mr: " + e.getMessage());
            return 2;
        } catch (UncheckedIOException e) {
            // A tool that reads its input while planning (a sampler) may hit an unreadable file.
            err.println("mr: " + e.getMessage());
            return 2;
        }
        Optional<Workflow> withOptions = jobOptions.apply(workflow, "mr", err);
        if (withOptions.isEmpty()) {
            return 2;
        }
        workflow = withOptions.get();
        // The coordinator checks again at each submit; these checks spare starting a cluster for nothing.
        // Like a single job, the workflow must write a new OUT; earlier steps' complete outputs are reused.
        List<String> problems = WorkflowCheck.problems(workflow, true);
        if (!problems.isEmpty()) {
            problems.forEach(p -> err.println("mr: " + p));
            return 2;
        }
        WorkflowReporter reporter = new WorkflowReporter(workflow, spec.commandLine().getOut(), err);
        try (LocalCluster cluster = LocalCluster.builder().executors(executors).slotsPerExecutor(slots).start()) {
            WorkflowResult result = jar == null ? cluster.run(workflow, reporter) : cluster.run(workflow, reporter, jar);
            return reporter.finished(result);
        }
    }

    /** For the help text. */
    static final class JobNames extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        JobNames() {
            super(Examples.names());
        }
    }
}
