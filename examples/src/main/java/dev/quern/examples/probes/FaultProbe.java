package dev.quern.examples.probes;

import dev.quern.api.Context;
import dev.quern.api.Mapper;
import dev.quern.api.Reducer;
import dev.quern.examples.WordCount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * WordCount whose tasks misbehave on request, for the fault tests: each attempt leaves a trace, and
 * job options make one slow, hung or waiting. The engine has no hook for any of this: it is all user
 * code, as a real straggler or hang would be. Options (all optional):
 * <ul>
 *   <li>{@code probe.log.dir}: each attempt creates {@code DIR/ATTEMPT} holding its executor's pid
 *       (how many times each task ran, and where);</li>
 *   <li>{@code probe.map.delay-ms}: every map attempt sleeps this long first (a long map phase);</li>
 *   <li>{@code probe.slow.pids} + {@code probe.slow.delay-ms}: a map attempt in a JVM whose pid is a
 *       line of that file sleeps this much longer (a slow executor);</li>
 *   <li>{@code probe.hang.map}: the first attempt of this map task ({@code m-00000}) blocks until it is
 *       killed, making no progress;</li>
 *   <li>{@code probe.map.gate}: every map but {@code m-00000} waits until this file exists;</li>
 *   <li>{@code probe.reduce.gate}: every reduce attempt waits until this file exists.</li>
 * </ul>
 */
public final class FaultProbe {

    private FaultProbe() {}

    /** WordCount's tokenizer, after the requested misbehaviour. */
    public static final class ProbeMapper extends Mapper<Long, String, String, Long> {
        private final WordCount.TokenizerMapper words = new WordCount.TokenizerMapper();

        @Override
        public void setup(Context<String, Long> context) throws IOException, InterruptedException {
            trace(context);
            long delay = Long.parseLong(context.get("probe.map.delay-ms", "0"));
            String pids = context.get("probe.slow.pids", "");
            if (!pids.isEmpty() && Files.readAllLines(Path.of(pids)).contains(Long.toString(ProcessHandle.current().pid()))) {
                delay += Long.parseLong(context.get("probe.slow.delay-ms", "0"));
            }
            Thread.sleep(delay);
            if (context.taskId().equals(context.get("probe.hang.map", "")) && firstAttempt(context)) {
                Thread.sleep(Long.MAX_VALUE); // until the attempt is killed (an interrupt)
            }
            String gate = context.get("probe.map.gate", "");
            if (!gate.isEmpty() && !context.taskId().equals("m-00000")) {
                awaitFile(Path.of(gate));
            }
        }

        @Override
        public void map(Long offset, String line, Context<String, Long> context) throws IOException {
            words.map(offset, line, context);
        }
    }

    /** WordCount's sum, after waiting for the gate if asked. */
    public static final class ProbeReducer extends Reducer<String, Long, String, Long> {
        private final WordCount.SumReducer sum = new WordCount.SumReducer();

        @Override
        public void setup(Context<String, Long> context) throws IOException, InterruptedException {
            trace(context);
            String gate = context.get("probe.reduce.gate", "");
            if (!gate.isEmpty()) {
                awaitFile(Path.of(gate));
            }
        }

        @Override
        public void reduce(String key, Iterable<Long> values, Context<String, Long> context) throws IOException {
            sum.reduce(key, values, context);
        }
    }

    private static void trace(Context<?, ?> context) throws IOException {
        String dir = context.get("probe.log.dir", "");
        if (!dir.isEmpty()) {
            Files.writeString(Path.of(dir).resolve(context.attemptId()), Long.toString(ProcessHandle.current().pid()),
                    StandardCharsets.UTF_8);
        }
    }

    /** Attempt numbers come last in an attempt id ({@code m-00003.1}, or with a leader epoch before it). */
    private static boolean firstAttempt(Context<?, ?> context) {
        return context.attemptId().endsWith(".1");
    }

    /** Polls for the file: the test creates it when it has seen (or done) what it waits for. */
    private static void awaitFile(Path file) throws InterruptedException {
        while (!Files.exists(file)) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }
}
