package dev.quern.workflow;

import dev.quern.api.Workflow;
import java.util.List;
import java.util.Optional;

/** Every step's outcome, in the workflow's order. */
public record WorkflowResult(Workflow workflow, List<StepResult> steps) {

    public WorkflowResult {
        steps = List.copyOf(steps);
    }

    /** Every step SUCCEEDED or was SKIPPED. */
    public boolean succeeded() {
        return steps.stream().allMatch(StepResult::ok);
    }

    /** The step that stopped the run, if one did. */
    public Optional<StepResult> firstFailure() {
        return steps.stream().filter(s -> !s.ok()).findFirst();
    }

    public long count(StepResult.Outcome outcome) {
        return steps.stream().filter(s -> s.outcome() == outcome).count();
    }
}
