package dev.quern.executor.reduce.run;

import dev.quern.executor.merge.RecordStream;
import java.io.IOException;

/** A stream whose every record comes from one map: the segment reader's records, with that origin. */
final class OriginStream implements RecordStream {

    private final RecordStream in;
    private final int origin;

    OriginStream(RecordStream in, int origin) {
        this.in = in;
        this.origin = origin;
    }

    @Override public boolean next() throws IOException { return in.next(); }
    @Override public byte[] keyBuffer() { return in.keyBuffer(); }
    @Override public int keyOffset() { return in.keyOffset(); }
    @Override public int keyLength() { return in.keyLength(); }
    @Override public byte[] valueBuffer() { return in.valueBuffer(); }
    @Override public int valueOffset() { return in.valueOffset(); }
    @Override public int valueLength() { return in.valueLength(); }
    @Override public int origin() { return origin; }
    @Override public void close() throws IOException { in.close(); }
}
