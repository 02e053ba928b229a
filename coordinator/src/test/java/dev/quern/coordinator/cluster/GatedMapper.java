package dev.quern.coordinator.cluster;

import dev.quern.api.Context;
import dev.quern.api.Mapper;
import dev.quern.api.Reducer;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/**
 * (offset, line) to (line, 1), except that the first attempt of map task {@link #GATED_TASK} waits
 * at its first record until the test opens the gate: the test decides when that map finishes.
 * The executors run in the test's JVM, so the latch is shared.
 */
public final class GatedMapper extends Mapper<Long, String, String, Long> {

    public static final String GATED_TASK = "m-00001";
    static volatile CountDownLatch gate = new CountDownLatch(1);

    private boolean waited;

    /** Closes the gate again, for the next test. */
    static void reset() {
        gate = new CountDownLatch(1);
    }

    static void open() {
        gate.countDown();
    }

    @Override
    public void map(Long offset, String line, Context<String, Long> context) throws IOException, InterruptedException {
        if (!waited && context.taskId().equals(GATED_TASK) && context.attemptId().endsWith(".1")) {
            waited = true;
            gate.await(); // a kill interrupts it
        }
        context.write(line, 1L);
    }

    /** Sums the counts of each line. */
    public static final class CountReducer extends Reducer<String, Long, String, Long> {
        @Override
        public void reduce(String line, Iterable<Long> counts, Context<String, Long> context) throws IOException {
            long sum = 0;
            for (long c : counts) {
                sum += c;
            }
            context.write(line, sum);
        }
    }
}
