/**
 * The sorted runs a reduce attempt merges, and the one byte format of its own: the run file.
 *
 * <p>A run is one of:
 * <pre>
 *  SegmentRun   m-00003.1.segment   a map's segment fetched to a file    map output record format
 *  MemoryRun    byte[]              a map's segment fetched into memory  map output record format
 *  MergedRun    merge-*.run         several runs merged                  run file format (below)
 * </pre>
 * The map output record format (see {@link dev.quern.executor.spill}):
 * <pre>
 *  record := keyLength (varint) | valueLength (varint) | key bytes | value bytes
 * </pre>
 *
 * <p>A run file holds the records of several maps, so each record carries the map index it came
 * from, its <em>origin</em>. Merges break ties between equal keys by origin, so a key's values reach
 * the reducer in map order however the runs were grouped (in-memory merges take segments in the order
 * they arrive), and the output is the same run after run.
 * <pre>
 *  record := origin (varint) | keyLength (varint) | valueLength (varint) | key bytes | value bytes
 *
 *  +---------------+---------------+-----+-------------------+
 *  | record 0      | record 1      | ... | record n-1        |   sorted by (key, origin)
 *  +---------------+---------------+-----+-------------------+
 *  ^ 0                                                       ^ length
 * </pre>
 * Varints are unsigned LEB128. There is no header, index or checksum: a run file lives only inside
 * its attempt's directory, and its length and record count are kept in memory ({@link
 * dev.quern.executor.reduce.run.MergedRun}). It is written as {@code NAME.tmp} and renamed to
 * {@code NAME} when whole.
 */
package dev.quern.executor.reduce.run;
