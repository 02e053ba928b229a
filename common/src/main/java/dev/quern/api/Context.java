package dev.quern.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What a running {@link Mapper}, {@link Reducer} or combiner sees of its task: a place to write
 * records, the job's configuration and counters.
 *
 * @param <K> the type of the keys it writes
 * @param <V> the type of the values it writes
 */
public interface Context<K, V> {

    /** Emits one record. The key and value are serialized before this returns; reuse them freely. */
    void write(K key, V value) throws IOException;

    /**
     * A counter of this attempt, created at zero on first use. Counters are summed over the
     * successful attempt of every task only: a retried attempt never counts twice.
     */
    Counter counter(String group, String name);

    /** The job's configuration (set with {@link Job.Builder#set}), read-only. */
    Map<String, String> configuration();

    /** A configuration value, or {@code defaultValue} when the key is not set. */
    default String get(String key, String defaultValue) {
        return configuration().getOrDefault(key, defaultValue);
    }

    /**
     * The file the current input record was read from, for a mapper that needs its document's name
     * (an inverted index). Empty for a RANGE input and in a combiner or reducer. In a split that
     * combines several small files it changes between records as the map moves from file to file.
     */
    default Optional<Path> inputFile() {
        return Optional.empty();
    }

    /** The id of this task, such as {@code m-00003} or {@code r-00001}. */
    String taskId();

    /**
     * The id of this attempt of the task, such as {@code m-00003.e2.1}: the task id, the epoch of the
     * leader that launched it, and the attempt number under that leader. Unique within the job, also
     * across coordinator failovers.
     */
    String attemptId();
}
