package dev.quern.executor.reduce.run;

import dev.quern.executor.merge.RecordStream;
import java.io.IOException;

/**
 * A sorted run the reduce side merges: a fetched segment on disk ({@link SegmentRun}) or in memory
 * ({@link MemoryRun}), or a run file written by a merge ({@link MergedRun}). Its stream tells each
 * record's {@linkplain RecordStream#origin() origin} (map index), so merges keep a key's values in
 * map order whichever runs were merged together.
 */
public sealed interface SortedRun permits SegmentRun, MemoryRun, MergedRun {

    /** Bytes of records: on disk, or held in memory. */
    long length();

    long records();

    /** True for a run held in memory: it uses no file and no read buffer. */
    boolean inMemory();

    /** A stream over the run's records, from the first; close it when done. */
    RecordStream open() throws IOException;

    /** Deletes the run's file, if it has one; the run must not be opened again. */
    void delete() throws IOException;
}
