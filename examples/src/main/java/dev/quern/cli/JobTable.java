package dev.quern.cli;

import dev.quern.job.EngineCounters;
import dev.quern.proto.Counter;
import dev.quern.proto.JobProgress;
import dev.quern.proto.JobStatus;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** How {@code mr jobs} and {@code mr status} print job statuses. */
final class JobTable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private JobTable() {}

    /** One line per job under a header. */
    static void list(List<JobStatus> jobs, PrintWriter out, long nowMillis) {
        String row = "%-16s %-9s %-20s %-9s %-9s %9s  %s%n";
        out.printf(row, "JOB", "STATE", "NAME", "MAPS", "REDUCES", "ELAPSED", "OUTPUT");
        for (JobStatus s : jobs) {
            JobProgress p = s.getProgress();
            out.printf(row, s.getJobId(), s.getState(), s.getName(), p.getMapsDone() + "/" + p.getMapsTotal(),
                    p.getReducesDone() + "/" + p.getReducesTotal(), elapsed(s, nowMillis), s.getOutput());
        }
    }

    /** Everything about one job: state, phases, output, error, counters by group. */
    static void detail(JobStatus s, PrintWriter out, long nowMillis) {
        JobProgress p = s.getProgress();
        out.printf("job %s '%s' %s%n", s.getJobId(), s.getName(), s.getState());
        out.printf("  submitted  %s, %s%s%n", TIME.format(Instant.ofEpochMilli(s.getSubmitTimeMs())), elapsed(s, nowMillis),
                s.getState() == JobStatus.State.RUNNING ? " so far" : "");
        out.printf("  map        %d/%d done, %d running%n", p.getMapsDone(), p.getMapsTotal(), p.getMapsRunning());
        out.printf("  reduce     %d/%d done, %d running%n", p.getReducesDone(), p.getReducesTotal(), p.getReducesRunning());
        out.printf("  output     %s%n", s.getOutput());
        if (s.hasError()) {
            out.printf("  error      %s%n", s.getError().getMessage());
        }
        counters(s.getCountersList(), out);
    }

    /** Counters by group, the engine's ({@value EngineCounters#GROUP}) first in their usual order. */
    static void counters(List<Counter> counters, PrintWriter out) {
        Map<String, Map<String, Long>> groups = new TreeMap<>();
        for (Counter c : counters) {
            groups.computeIfAbsent(c.getGroup(), g -> new TreeMap<>()).merge(c.getName(), c.getValue(), Long::sum);
        }
        Map<String, Long> engine = groups.remove(EngineCounters.GROUP);
        if (engine != null) {
            out.println("counters " + EngineCounters.GROUP + ":");
            EngineCounters.ORDER.stream().filter(engine::containsKey).forEach(n -> out.printf("  %-28s %,15d%n", n, engine.get(n)));
        }
        groups.forEach((group, values) -> {
            out.println("counters " + group + ":");
            values.forEach((n, v) -> out.printf("  %-28s %,15d%n", n, v));
        });
    }

    private static String elapsed(JobStatus s, long nowMillis) {
        long end = s.getFinishTimeMs() > 0 ? s.getFinishTimeMs() : nowMillis;
        return String.format("%.1f s", Math.max(0, end - s.getSubmitTimeMs()) / 1000.0);
    }
}
