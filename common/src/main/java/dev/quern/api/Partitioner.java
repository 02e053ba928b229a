package dev.quern.api;

import java.util.Map;

/**
 * Chooses the reduce partition of a record from its serialized key. Every record with the same key
 * must go to the same partition, in every attempt of every map, on every JVM: so a partitioner must
 * be a pure function of the key bytes (never {@code Object.hashCode()} of a String's identity or a
 * seed chosen at run time). Implementations need a public no-argument constructor.
 */
@FunctionalInterface
public interface Partitioner {

    /**
     * Called once, before the first {@link #partition} call, with the job's configuration (a
     * total-order partitioner reads its boundaries from there).
     */
    default void configure(Map<String, String> configuration) {}

    /**
     * @param key the array holding the serialized key
     * @param offset where the key starts in {@code key}
     * @param length the key's length in bytes
     * @param partitions the number of reducers R, at least 1
     * @return a partition in {@code [0, partitions)}
     */
    int partition(byte[] key, int offset, int length, int partitions);
}
