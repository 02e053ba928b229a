package dev.quern.executor.map.input;

import java.io.IOException;

/**
 * The records of one split as the mapper's (key, value) pairs, in split order. {@link RecordReaders}
 * opens the one for an input's format.
 *
 * <pre>{@code
 * try (RecordReader records = RecordReaders.open(input, split)) {
 *     while (records.next()) {
 *         mapper.map(records.key(), records.value(), context);
 *     }
 * }
 * }</pre>
 *
 * <p>Not thread-safe. The key and value are the current record's until the next {@link #next()}.
 */
public interface RecordReader extends AutoCloseable {

    /** Advances to the next record; false when the split has no more. */
    boolean next() throws IOException;

    Object key();

    Object value();

    /** Input bytes consumed so far; 0 for an input that reads no file (RANGE). */
    long bytesRead();

    /** How much of the split is done, from 0 to 1. */
    float progress();

    /** The current record, for messages: "the line at /in/a.txt:120". */
    String where();

    @Override
    void close() throws IOException;
}
