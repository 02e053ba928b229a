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

    /**
     * Which map output the current record came from (its map index), for merges to break ties between
     * equal keys: the lower origin comes out first, so a key's values reach the reducer in map order
     * whichever runs they were merged in. 0 where there is one source (the map side).
     */
    default int origin() {
        return 0;
    }
}
