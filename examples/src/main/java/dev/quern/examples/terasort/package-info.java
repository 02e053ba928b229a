/**
 * TeraSort, the total-order sort benchmark, as three {@link dev.quern.api.Tool}s:
 * <ul>
 *   <li>{@link dev.quern.examples.terasort.TeraGen} ({@code teragen N OUT}): N 100-byte records, a
 *       map-only job over a RANGE input, RAW output; the bytes of {@code bench/gen.sh TeraGen};
 *   <li>{@link dev.quern.examples.terasort.TeraSort} ({@code sort IN OUT}): FIXED_LENGTH(100, 10)
 *       input, boundaries sampled in the client, a {@link dev.quern.lib.TotalOrderPartitioner},
 *       RAW output: the part files in order are the records sorted;
 *   <li>{@link dev.quern.examples.terasort.TeraValidate} ({@code teravalidate IN OUT}): checks the
 *       order across all part files and reports an order-independent checksum.
 * </ul>
 *
 * <pre>
 * bin/mr local teragen 1m /tmp/tera-in
 * bin/mr local --reducers 4 sort /tmp/tera-in /tmp/tera-out
 * bin/mr local teravalidate /tmp/tera-in /tmp/tera-in-report     # checksum of the input
 * bin/mr local teravalidate /tmp/tera-out /tmp/tera-out-report   # the same checksum, unsorted 0
 * </pre>
 */
package dev.quern.examples.terasort;
