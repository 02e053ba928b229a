package dev.quern.executor.task;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How much heap one attempt may use for its sort buffer: a quarter of the JVM's maximum heap divided
 * by the task slots of every executor in this JVM. An embedded cluster runs several executors in one
 * JVM, so a job's sort buffer option is an upper bound that the executor lowers to fit; a run at
 * {@code -Xmx256m} then spills more often instead of running out of memory.
 */
public final class MemoryShare {

    private static final AtomicInteger SLOTS_IN_JVM = new AtomicInteger();
    private static final long FLOOR = 1 << 20;

    private MemoryShare() {}

    public static void add(int slots) {
        SLOTS_IN_JVM.addAndGet(slots);
    }

    public static void remove(int slots) {
        SLOTS_IN_JVM.addAndGet(-slots);
    }

    public static long sortBufferCap() {
        return Math.max(FLOOR, Runtime.getRuntime().maxMemory() / 4 / Math.max(1, SLOTS_IN_JVM.get()));
    }
}
