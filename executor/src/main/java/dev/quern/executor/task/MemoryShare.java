package dev.quern.executor.task;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How much heap one attempt may use for its sort buffer, or for its shuffle memory: a quarter of the
 * JVM's maximum heap divided by the task slots of every executor in this JVM. An embedded cluster
 * runs several executors in one JVM, so a job's sort buffer and shuffle memory options are upper
 * bounds that the executor lowers to fit; a run at {@code -Xmx256m} then spills more often instead of
 * running out of memory.
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
        return slotShare();
    }

    /**
     * How much heap one reduce attempt may fill with fetched segments: the same share as a map's sort
     * buffer (a slot runs one attempt at a time, map or reduce).
     */
    public static long shuffleMemoryCap() {
        return slotShare();
    }

    private static long slotShare() {
        return Math.max(FLOOR, Runtime.getRuntime().maxMemory() / 4 / Math.max(1, SLOTS_IN_JVM.get()));
    }
}
