package dev.quern.cli;

import dev.quern.api.Tool;
import dev.quern.api.Workflow;
import dev.quern.examples.Examples;
import dev.quern.jar.JobJar;
import dev.quern.workflow.WorkflowCheck;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * Turns {@code JOB ARGS...} into a checked workflow, in the client, before anything is sent: an
 * unknown job or class, bad arguments or an output in the way is a message on stderr naming it.
 */
final class JobPlans {

    private JobPlans() {}

    /** The workflow, or empty after printing why not (prefixed {@code mr COMMAND: }). */
    static Optional<Workflow> plan(String command, String jobName, List<String> args, int reducers, PrintWriter err) {
        return plan(command, null, jobName, args, reducers, err);
    }

    /** As {@link #plan(String, String, List, int, PrintWriter)}, the tool a class of {@code jar} when it is not null. */
    static Optional<Workflow> plan(String command, JobJar jar, String jobName, List<String> args, int reducers,
            PrintWriter err) {
        Optional<Tool> tool;
        try {
            tool = jar == null ? Examples.find(jobName) : Optional.of(jar.tool(jobName));
        } catch (IllegalArgumentException e) {
            err.println("mr " + command + ": " + e.getMessage());
            return Optional.empty();
        }
        if (tool.isEmpty()) {
            err.println("mr " + command + ": unknown job '" + jobName + "': no built-in job has that name and no class "
                    + jobName + " is on the classpath; known jobs: " + String.join(", ", Examples.names())
                    + ", or the full name of a class implementing " + Tool.class.getName());
            return Optional.empty();
        }
        Workflow workflow;
        try {
            workflow = tool.get().plan(List.copyOf(args), reducers);
        } catch (IllegalArgumentException | IOException | UncheckedIOException e) {
            err.println("mr " + command + ": " + e.getMessage());
            return Optional.empty();
        }
        List<String> problems = WorkflowCheck.problems(workflow, true);
        if (!problems.isEmpty()) {
            problems.forEach(p -> err.println("mr " + command + ": " + p));
            return Optional.empty();
        }
        return Optional.of(workflow);
    }
}
