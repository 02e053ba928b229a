package dev.quern.executor.reduce;

/**
 * The heap one reduce attempt may fill with fetched segments. A segment is taken in only if it is at
 * most a quarter of the budget and fits in what is left; past two thirds of the budget, the segments
 * held should be merged to disk. A quarter, so that one segment never crowds out the rest; two
 * thirds, so that fetches go on into memory while a merge frees some.
 *
 * <p>Not thread-safe: used by the attempt's copy loop only.
 */
final class ShuffleMemory {

    /** A held segment is one byte array. */
    private static final long MAX_SEGMENT = Integer.MAX_VALUE - 8;

    private final long budget;
    private long used;

    ShuffleMemory(long budget) {
        if (budget < 0) {
            throw new IllegalArgumentException("shuffle memory must be >= 0 bytes, got " + budget);
        }
        this.budget = budget;
    }

    /** Counts {@code bytes} as held and returns true, if a segment of that size may be held now. */
    boolean tryReserve(long bytes) {
        if (bytes > budget / 4 || bytes > budget - used || bytes > MAX_SEGMENT) {
            return false;
        }
        used += bytes;
        return true;
    }

    void release(long bytes) {
        if (bytes < 0 || bytes > used) {
            throw new IllegalStateException("releasing " + bytes + " bytes of shuffle memory with " + used + " held");
        }
        used -= bytes;
    }

    /** True when the segments held should be merged to disk to make room. */
    boolean overMergeThreshold() {
        return used > budget / 3 * 2;
    }

    long used() {
        return used;
    }

    long budget() {
        return budget;
    }
}
