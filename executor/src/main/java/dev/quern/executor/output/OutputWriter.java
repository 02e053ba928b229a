package dev.quern.executor.output;

import java.io.IOException;

/**
 * Writes a task's output records into its part file, in one {@code OutputFormat}. The file is
 * created new: an attempt never writes over anything.
 */
public interface OutputWriter extends AutoCloseable {

    void write(Object key, Object value) throws IOException;

    /** Bytes written so far. */
    long bytes();

    /** Records written so far. */
    long records();

    @Override
    void close() throws IOException;
}
