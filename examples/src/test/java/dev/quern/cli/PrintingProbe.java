package dev.quern.cli;

import dev.quern.api.Context;
import dev.quern.api.Job;
import dev.quern.api.Mapper;
import dev.quern.api.Tool;
import dev.quern.api.Workflow;
import dev.quern.examples.WordCount;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A probe job for the CLI tests: {@code PrintingProbe IN OUT [SLEEP_MS]} counts lines; each map
 * prints a line naming its attempt to System.out and System.err (for {@code mr logs}), and may sleep
 * per line (a job slow enough to be killed). On the test classpath, which the daemons share.
 */
public final class PrintingProbe implements Tool {

    static final String OUT_LINE = "quern-probe stdout from ";
    static final String ERR_LINE = "quern-probe stderr from ";

    @Override
    public Workflow plan(List<String> args, int reducers) {
        if (args.size() < 2 || args.size() > 3) {
            throw new IllegalArgumentException("usage: " + PrintingProbe.class.getName() + " IN OUT [SLEEP_MS]");
        }
        return Workflow.of(Job.builder("printing-probe").input(Path.of(args.get(0))).output(Path.of(args.get(1)))
                .mapper(PrintingMapper.class).combiner(WordCount.SumReducer.class).reducer(WordCount.SumReducer.class)
                .mapOutput(String.class, Long.class).reducers(reducers)
                .set("probe.sleep.ms", args.size() == 3 ? args.get(2) : "0").build());
    }

    public static final class PrintingMapper extends Mapper<Long, String, String, Long> {
        private long sleepMs;

        @Override
        public void setup(Context<String, Long> context) {
            sleepMs = Long.parseLong(context.get("probe.sleep.ms", "0"));
            System.out.println(OUT_LINE + context.attemptId());
            System.err.println(ERR_LINE + context.attemptId());
        }

        @Override
        public void map(Long offset, String line, Context<String, Long> context) throws IOException {
            if (sleepMs > 0) {
                try {
                    Thread.sleep(sleepMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("probe map interrupted");
                }
            }
            context.write("lines", 1L);
        }
    }
}
