package dev.quern.workflow;

import dev.quern.api.Input;
import dev.quern.api.Workflow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The checks a client makes before it starts anything, so that bad input is reported at once and not
 * after the first steps have run: the rules of {@link WorkflowRunner} about output directories, and
 * that inputs exist. An input that an earlier step writes (its output directory, or a path inside it)
 * need not exist yet; the inputs of a step that will be skipped are not needed at all.
 *
 * <p>A client that promises a new output, as {@code mr local} does (like Hadoop, it refuses an existing
 * OUT), asks for {@link #problems(Workflow, boolean) a new final output}: then the last step's OUT must
 * not exist at all, complete or not, while earlier steps' complete outputs are still skipped.
 */
public final class WorkflowCheck {

    private WorkflowCheck() {}

    /** Every problem found, each naming the path; empty when the workflow can start. */
    public static List<String> problems(Workflow workflow) {
        return problems(workflow, false);
    }

    /**
     * Every problem found, each naming the path; empty when the workflow can start.
     *
     * @param newFinalOutput the last step's output directory must not exist, even complete
     */
    public static List<String> problems(Workflow workflow, boolean newFinalOutput) {
        Set<String> problems = new LinkedHashSet<>();
        List<Path> produced = new ArrayList<>();
        List<Workflow.Step> steps = workflow.steps();
        boolean chain = steps.size() > 1;
        for (Workflow.Step step : steps) {
            Path out = step.job().output();
            OutputState state = OutputState.of(out);
            if (newFinalOutput && state == OutputState.COMPLETE && step == steps.get(steps.size() - 1)) {
                problems.add("output directory " + out.toAbsolutePath() + " already exists (a complete output, with "
                        + OutputState.SUCCESS_MARKER + "): it is left untouched; delete it to run again, or choose another");
                state = OutputState.ABSENT; // its inputs are checked as for a run
            }
            if (state == OutputState.INCOMPLETE) {
                problems.add(OutputState.incompleteMessage(out));
            }
            if (state != OutputState.COMPLETE) {
                for (Input input : step.job().inputs()) {
                    for (Path p : input.paths()) {
                        if (!producedBy(produced, p) && !Files.exists(p)) {
                            problems.add("input path " + p.toAbsolutePath() + " does not exist"
                                    + (chain ? " (read by step '" + step.job().name() + "')" : ""));
                        }
                    }
                }
            }
            produced.add(normal(out));
        }
        return List.copyOf(problems);
    }

    /** Every step's output is complete: a run would skip them all. */
    public static boolean complete(Workflow workflow) {
        return workflow.steps().stream().allMatch(s -> OutputState.of(s.job().output()) == OutputState.COMPLETE);
    }

    private static boolean producedBy(List<Path> outputs, Path input) {
        Path p = normal(input);
        return outputs.stream().anyMatch(p::startsWith);
    }

    private static Path normal(Path p) {
        return p.toAbsolutePath().normalize();
    }
}
