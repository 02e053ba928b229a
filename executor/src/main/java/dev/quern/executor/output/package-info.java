/**
 * Output formats: how a task's records become the bytes of its part file
 * ({@code part-r-NNNNN} of a reduce, {@code part-m-NNNNN} of a map-only job's map).
 *
 * <pre>
 *  TEXT   toText(k1) \t toText(v1) \n toText(k2) \t toText(v2) \n ...     UTF-8; byte[] as hex;
 *                                                                        Text as its bytes
 *
 *  RAW    +--------+----------+--------+----------+-----
 *         | k1     | v1       | k2     | v2       | ...   each as its codec writes it,
 *         +--------+----------+--------+----------+-----  no lengths, no separators
 *
 *         byte[] keys of 10 bytes and values of 90: 100-byte records back to back, the
 *         FIXED_LENGTH(100, 10) input format, so a sort's output reads like its input.
 * </pre>
 *
 * RAW writes no lengths, so it reads back only when the record layout is known (fixed lengths);
 * it is for bytes that another program reads as they are, not for chaining arbitrary jobs.
 */
package dev.quern.executor.output;
