package dev.quern.cli;

import dev.quern.api.Input;
import dev.quern.api.Job;
import dev.quern.examples.Examples;
import dev.quern.local.LocalCluster;
import dev.quern.proto.JobStatus;
import dev.quern.wire.QuernException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mr local}: runs one job on an embedded cluster (ZooKeeper, coordinator, executors) in this JVM. */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = "Run a job on an embedded cluster in this JVM: an in-process ZooKeeper, a coordinator "
                + "and N executors on 127.0.0.1.%nJobs: wordcount IN... OUT")
final class LocalCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--executors", defaultValue = "2", description = "executors to start (default ${DEFAULT-VALUE})")
    private int executors;

    @Option(names = "--slots", defaultValue = "1", description = "task slots per executor (default ${DEFAULT-VALUE})")
    private int slots;

    @Option(names = "--reducers", defaultValue = "1", description = "reducers, and so part files (default ${DEFAULT-VALUE})")
    private int reducers;

    @Parameters(index = "0", paramLabel = "JOB", description = "the example job to run: ${COMPLETION-CANDIDATES}",
            completionCandidates = JobNames.class)
    private String jobName;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "the job's arguments")
    private List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Optional<Examples.JobFactory> factory;
        try {
            factory = Examples.find(jobName);
        } catch (IllegalArgumentException e) {
            err.println("mr: " + e.getMessage());
            return 2;
        }
        if (factory.isEmpty()) {
            err.println("mr: unknown job '" + jobName + "'; known jobs: " + String.join(", ", Examples.names()));
            return 2;
        }
        if (executors < 1 || slots < 1 || reducers < 1) {
            err.println("mr: --executors, --slots and --reducers must be >= 1");
            return 2;
        }
        Job job;
        try {
            job = factory.get().create(args, reducers);
        } catch (IllegalArgumentException e) {
            err.println("mr: " + e.getMessage());
            return 2;
        }
        Optional<String> problem = checkPaths(job);
        if (problem.isPresent()) {
            err.println("mr: " + problem.get());
            return 2;
        }
        JobReporter reporter = new JobReporter(spec.commandLine().getOut(), err);
        try (LocalCluster cluster = LocalCluster.builder().executors(executors).slotsPerExecutor(slots).start()) {
            JobStatus end = cluster.run(job, reporter::progress);
            return reporter.finished(end);
        } catch (QuernException e) {
            err.println("mr: job refused: " + e.error().getMessage());
            return 2;
        }
    }

    /** The same checks the coordinator makes, before a cluster is started for nothing. */
    private static Optional<String> checkPaths(Job job) {
        for (Input input : job.inputs()) {
            for (Path p : input.paths()) {
                if (!Files.exists(p)) {
                    return Optional.of("input path " + p.toAbsolutePath() + " does not exist");
                }
            }
        }
        if (Files.exists(job.output())) {
            return Optional.of("output directory " + job.output().toAbsolutePath() + " already exists");
        }
        return Optional.empty();
    }

    /** For the help text. */
    static final class JobNames extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        JobNames() {
            super(Examples.names());
        }
    }
}
