package dev.quern.executor.reduce.run;

import static java.util.Objects.requireNonNull;

import dev.quern.executor.merge.RecordStream;
import dev.quern.executor.shuffle.fetch.FetchedSegment;
import dev.quern.executor.spill.SegmentReader;
import java.io.IOException;
import java.nio.file.Files;

/** The segment of map {@code mapIndex}, fetched to a file: records in the map output format. */
public record SegmentRun(int mapIndex, FetchedSegment segment) implements SortedRun {

    public SegmentRun {
        requireNonNull(segment, "segment is null");
    }

    @Override public long length() { return segment.length(); }
    @Override public long records() { return segment.records(); }
    @Override public boolean inMemory() { return false; }

    @Override
    public RecordStream open() throws IOException {
        return new OriginStream(SegmentReader.open(segment.file(), 0, segment.length()), mapIndex);
    }

    @Override
    public void delete() throws IOException {
        Files.deleteIfExists(segment.file());
    }
}
