package dev.quern.cli;

import dev.quern.job.EngineCounters;
import dev.quern.proto.Counter;
import dev.quern.proto.JobProgress;
import dev.quern.proto.JobStatus;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Prints a job's progress as it changes (stderr), then its counters (stdout) or its failure (stderr). */
final class JobReporter {

    private final PrintWriter out;
    private final PrintWriter err;
    private final long started = System.nanoTime();

    JobReporter(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    void progress(JobStatus s) {
        JobProgress p = s.getProgress();
        err.printf("[%6.1fs] %s: map %d/%d (%d running)  reduce %d/%d (%d running)%n", elapsed(), s.getJobId(),
                p.getMapsDone(), p.getMapsTotal(), p.getMapsRunning(),
                p.getReducesDone(), p.getReducesTotal(), p.getReducesRunning());
        err.flush();
    }

    /** Prints the end of the job and returns the exit code. */
    int finished(JobStatus s) {
        if (s.getState() != JobStatus.State.SUCCEEDED) {
            err.printf("job %s %s: %s%n", s.getJobId(), s.getState(), s.getError().getMessage());
            if (!s.getError().getDetail().isEmpty()) {
                err.println(s.getError().getDetail().stripTrailing());
            }
            err.flush();
            return 1;
        }
        out.printf("job %s SUCCEEDED in %.1f s, output in %s%n", s.getJobId(), elapsed(), s.getOutput());
        Map<String, Long> engine = new LinkedHashMap<>();
        Map<String, Long> user = new LinkedHashMap<>();
        for (Counter c : s.getCountersList()) {
            if (c.getGroup().equals(EngineCounters.GROUP)) {
                engine.put(c.getName(), c.getValue());
            } else {
                user.put(c.getGroup() + ": " + c.getName(), c.getValue());
            }
        }
        out.println("counters:");
        for (String name : EngineCounters.ORDER) {
            out.printf("  %-26s %,15d%n", name, engine.getOrDefault(name, 0L));
        }
        user.forEach((name, value) -> out.printf("  %-26s %,15d%n", name, value));
        out.flush();
        return 0;
    }

    private double elapsed() {
        return (System.nanoTime() - started) / 1e9;
    }
}
