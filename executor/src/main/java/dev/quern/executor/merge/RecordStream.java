package dev.quern.executor.merge;

import java.io.Closeable;
import java.io.IOException;

/**
 * A cursor over serialized records in key order. After {@link #next()} returns true, the current
 * key and value are {@code keyBuffer()[keyOffset(), keyOffset() + keyLength())} and likewise for the
 * value; they stay valid only until the next call to {@code next()}.
 */
public interface RecordStream extends Closeable {

    boolean next() throws IOException;

    byte[] keyBuffer();

    int keyOffset();

    int keyLength();

    byte[] valueBuffer();

    int valueOffset();

    int valueLength();
}
