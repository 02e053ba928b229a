package dev.quern.executor.reduce.run;

import static java.util.Objects.requireNonNull;

import dev.quern.executor.merge.RecordStream;
import dev.quern.executor.shuffle.fetch.InMemorySegment;

/** The segment of map {@code mapIndex}, fetched into memory: records in the map output format. */
public record MemoryRun(int mapIndex, InMemorySegment segment) implements SortedRun {

    public MemoryRun {
        requireNonNull(segment, "segment is null");
    }

    @Override public long length() { return segment.length(); }
    @Override public long records() { return segment.records(); }
    @Override public boolean inMemory() { return true; }

    @Override
    public RecordStream open() {
        return new ArraySegmentReader(segment.bytes(), mapIndex);
    }

    /** Nothing on disk: the segment's memory is given back by whoever counted it. */
    @Override
    public void delete() {}
}
