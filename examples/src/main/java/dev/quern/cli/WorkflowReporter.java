package dev.quern.cli;

import dev.quern.api.Workflow;
import dev.quern.job.EngineCounters;
import dev.quern.proto.Counter;
import dev.quern.proto.JobProgress;
import dev.quern.proto.JobStatus;
import dev.quern.workflow.StepResult;
import dev.quern.workflow.WorkflowListener;
import dev.quern.workflow.WorkflowResult;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prints a workflow's run: job progress as it changes (stderr); for a chain, a line per step as it
 * starts, is skipped or ends (stdout); at the end the counters of each job (stdout) or the failure
 * (stderr). A one-step workflow prints exactly what a single job always printed. Times are seconds
 * since this reporter was made, just before the cluster starts.
 */
final class WorkflowReporter implements WorkflowListener {

    private final Workflow workflow;
    private final boolean chain;
    private final PrintWriter out;
    private final PrintWriter err;
    private final long started = System.nanoTime();
    private final Map<String, Double> stepStarts = new ConcurrentHashMap<>();

    WorkflowReporter(Workflow workflow, PrintWriter out, PrintWriter err) {
        this.workflow = workflow;
        this.chain = workflow.steps().size() > 1;
        this.out = out;
        this.err = err;
    }

    @Override
    public void started(Workflow.Step step, String jobId) {
        stepStarts.put(step.job().name(), elapsed());
        if (chain) {
            print(out, "%s: %s started%n", label(step), jobId);
        }
    }

    @Override
    public void status(Workflow.Step step, JobStatus s) {
        JobProgress p = s.getProgress();
        print(err, "[%6.1fs] %s: map %d/%d (%d running)  reduce %d/%d (%d running)%n", elapsed(), s.getJobId(),
                p.getMapsDone(), p.getMapsTotal(), p.getMapsRunning(),
                p.getReducesDone(), p.getReducesTotal(), p.getReducesRunning());
    }

    @Override
    public void ended(StepResult r) {
        if (!chain) {
            return; // finished() says it all
        }
        if (r.outcome() == StepResult.Outcome.SUCCEEDED) {
            JobStatus s = r.status().orElseThrow();
            print(out, "%s: %s SUCCEEDED in %.1f s, output in %s%n", label(r.step()), s.getJobId(),
                    elapsed() - stepStarts.getOrDefault(r.name(), 0.0), s.getOutput());
        } else if (r.outcome() == StepResult.Outcome.SKIPPED) {
            print(out, "%s: skipped, %s%n", label(r.step()), r.reason());
        } else if (r.outcome() == StepResult.Outcome.NOT_RUN) {
            print(out, "%s: not run (%s)%n", label(r.step()), r.reason());
        } else {
            print(out, "%s: %s%n", label(r.step()), r.reason());
        }
    }

    /** Prints how the run ended and returns the exit code: 0 all done, 1 a job failed, 2 a step was refused. */
    int finished(WorkflowResult result) {
        StepResult failure = result.firstFailure().orElse(null);
        if (failure != null) {
            printFailure(failure);
        } else if (!chain) {
            StepResult only = result.steps().get(0);
            if (only.outcome() == StepResult.Outcome.SKIPPED) {
                print(out, "job '%s' skipped: %s; nothing to do%n", only.name(), only.reason());
            } else {
                JobStatus s = only.status().orElseThrow();
                print(out, "job %s SUCCEEDED in %.1f s, output in %s%n", s.getJobId(), elapsed(), s.getOutput());
            }
        } else {
            print(out, "workflow %s SUCCEEDED in %.1f s: %d steps run, %d skipped; output in %s%n", workflow.name(), elapsed(),
                    result.count(StepResult.Outcome.SUCCEEDED), result.count(StepResult.Outcome.SKIPPED), finalOutput());
        }
        for (StepResult r : result.steps()) {
            if (r.status().isPresent() && (failure == null || chain)) {
                printCounters(r);
            }
        }
        out.flush();
        if (failure == null) {
            return 0;
        }
        return failure.outcome() == StepResult.Outcome.REFUSED ? 2 : 1;
    }

    private void printFailure(StepResult failure) {
        JobStatus s = failure.status().orElse(null);
        if (s != null) {
            print(err, "job %s %s: %s%n", s.getJobId(), s.getState(), s.getError().getMessage());
            if (!s.getError().getDetail().isEmpty()) {
                err.println(s.getError().getDetail().stripTrailing());
            }
        } else {
            print(err, "mr: %s%n", failure.reason());
        }
        if (chain) {
            print(err, "mr: workflow %s stopped at step '%s' (%s); %d later step%s not run%n", workflow.name(), failure.name(),
                    failure.outcome(), stepsAfter(failure), stepsAfter(failure) == 1 ? "" : "s");
        }
    }

    private long stepsAfter(StepResult failure) {
        List<Workflow.Step> steps = workflow.steps();
        return steps.size() - 1 - steps.indexOf(failure.step());
    }

    private void printCounters(StepResult r) {
        JobStatus s = r.status().orElseThrow();
        Map<String, Long> engine = new LinkedHashMap<>();
        Map<String, Long> user = new LinkedHashMap<>();
        // User counters after the engine's, grouped: by group, then by name.
        List<Counter> counters = s.getCountersList().stream()
                .sorted(Comparator.comparing(Counter::getGroup).thenComparing(Counter::getName)).toList();
        for (Counter c : counters) {
            if (c.getGroup().equals(EngineCounters.GROUP)) {
                engine.put(c.getName(), c.getValue());
            } else {
                user.put(c.getGroup() + ": " + c.getName(), c.getValue());
            }
        }
        int width = user.keySet().stream().mapToInt(String::length).max().orElse(0);
        String line = "  %-" + Math.max(26, width) + "s %,15d%n";
        out.println(chain ? "counters of " + r.name() + " (" + s.getJobId() + "):" : "counters:");
        for (String name : EngineCounters.ORDER) {
            out.printf(line, name, engine.getOrDefault(name, 0L));
        }
        user.forEach((name, value) -> out.printf(line, name, value));
    }

    private String label(Workflow.Step step) {
        return "step " + (workflow.steps().indexOf(step) + 1) + "/" + workflow.steps().size() + " " + step.job().name();
    }

    private String finalOutput() {
        List<Workflow.Step> steps = workflow.steps();
        return steps.get(steps.size() - 1).job().output().toAbsolutePath().toString();
    }

    private static void print(PrintWriter w, String format, Object... args) {
        synchronized (w) {
            w.printf(format, args);
            w.flush();
        }
    }

    private double elapsed() {
        return (System.nanoTime() - started) / 1e9;
    }
}
