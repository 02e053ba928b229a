/**
 * The map output file format, used for every spill and for the final output of a map attempt: one
 * data file holding a sorted segment per reduce partition, and an index saying where each one is.
 *
 * <p>Data file: the segments of partitions 0..R-1 back to back. A segment is a run of records sorted
 * by key (with the job's sort comparator); an empty partition has an empty segment.
 * <pre>
 *  record := keyLength (varint) | valueLength (varint) | key bytes | value bytes
 *
 *  +--------------------+--------------------+-----+------------------------+
 *  | segment 0 records  | segment 1 records  | ... | segment R-1 records    |
 *  +--------------------+--------------------+-----+------------------------+
 *  ^ offset[0] = 0      ^ offset[1]                ^ offset[R-1]
 * </pre>
 * Varints are unsigned LEB128 (7 bits a byte, low group first, high bit = more follows).
 *
 * <p>Index file ({@code .index}), all integers big-endian:
 * <pre>
 *  +--------+---------+------------+-------------------------------------------+--------+
 *  | "QMOI" | version | partitions | partitions x entry                        | crc32c |
 *  | 4 B    | u32 = 1 | u32 (R)    | offset u64 | length u64 | records u64 | crc32c u32 | u32    |
 *  +--------+---------+------------+-------------------------------------------+--------+
 * </pre>
 * Each entry's crc32c covers that segment's bytes; the last crc32c covers the index bytes before it.
 * A reducer fetches segment r and checks its length and CRC32C before it reads a record.
 *
 * <p>Both files are written under temporary names and renamed into place when complete, so a file
 * with the final name is always whole.
 */
package dev.quern.executor.spill;
