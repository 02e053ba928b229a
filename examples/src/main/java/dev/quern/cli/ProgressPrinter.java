package dev.quern.cli;

import dev.quern.api.Workflow;
import dev.quern.job.EngineCounters;
import dev.quern.proto.Counter;
import dev.quern.proto.JobProgress;
import dev.quern.proto.JobStatus;
import dev.quern.workflow.StepResult;
import dev.quern.workflow.WorkflowListener;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

/**
 * The live progress of {@code mr submit}, on stderr: per phase done/running/total, percent and bytes
 * (from the counters of finished tasks), and the time since the job started. A line is printed only
 * when something other than the time changed; on a terminal the line is redrawn in place instead.
 * Everything else (step lines, the end, the counters) is the {@link WorkflowReporter}'s.
 */
final class ProgressPrinter implements WorkflowListener {

    private final WorkflowListener reporter;
    private final PrintWriter err;
    private final boolean redraw;
    private long jobStart = System.nanoTime();
    private String last = "";
    private boolean lineOpen;
    private String runningJob; // between a step's start and its end

    ProgressPrinter(WorkflowListener reporter, PrintWriter err, boolean redraw) {
        this.reporter = reporter;
        this.err = err;
        this.redraw = redraw;
    }

    @Override
    public synchronized void started(Workflow.Step step, String jobId) {
        endLine();
        jobStart = System.nanoTime();
        last = "";
        runningJob = jobId;
        reporter.started(step, jobId);
    }

    @Override
    public synchronized void status(Workflow.Step step, JobStatus s) {
        String line = describe(s);
        if (line.equals(last)) {
            return;
        }
        last = line;
        String shown = String.format("%s  %.1f s", line, (System.nanoTime() - jobStart) / 1e9);
        if (redraw) {
            err.print("\r" + shown + "\u001b[K");
            lineOpen = true;
        } else {
            err.println(shown);
        }
        err.flush();
    }

    @Override
    public synchronized void ended(StepResult result) {
        endLine();
        runningJob = null;
        reporter.ended(result);
    }

    /** The job of the step being followed now, if one is. */
    synchronized Optional<String> runningJob() {
        return Optional.ofNullable(runningJob);
    }

    /** Ends a redrawn line, so that what follows starts on its own. */
    synchronized void endLine() {
        if (lineOpen) {
            err.println();
            err.flush();
            lineOpen = false;
        }
    }

    /** {@code job-0000000001 RUNNING  map 3/8 (2 running) 37% 1.2 MB  reduce 0/2 (0 running) 0% 0 B}. */
    static String describe(JobStatus s) {
        JobProgress p = s.getProgress();
        List<Counter> c = s.getCountersList();
        return String.format("%s %s  map %s  reduce %s", s.getJobId(), s.getState(),
                phase(p.getMapsDone(), p.getMapsRunning(), p.getMapsTotal(), counter(c, EngineCounters.MAP_INPUT_BYTES)),
                phase(p.getReducesDone(), p.getReducesRunning(), p.getReducesTotal(), counter(c, EngineCounters.SHUFFLE_BYTES)));
    }

    private static String phase(int done, int running, int total, long bytes) {
        int percent = total == 0 ? 100 : (int) (100L * done / total);
        return String.format("%d/%d (%d running) %d%% %s", done, total, running, percent, bytes(bytes));
    }

    static long counter(List<Counter> counters, String name) {
        return counters.stream().filter(x -> x.getGroup().equals(EngineCounters.GROUP) && x.getName().equals(name))
                .mapToLong(Counter::getValue).sum();
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format("%.1f %s", v, units[u]);
    }
}
