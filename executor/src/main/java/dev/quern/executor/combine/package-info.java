/**
 * The early combiner: a map's records are combined in a small hash table before they reach the
 * sort buffer (see {@link dev.quern.executor.combine.EagerCombiner} for the policy).
 *
 * <p>The table's memory, all allocated once ({@link dev.quern.executor.combine.CombiningTable}):
 * <pre>
 *  slots (long[], open addressing, linear probing, load <= 1/2), 4 longs per slot:
 *    | hash << 32 | key id + 1 |  key bytes 0..7, LE, 0-padded | hits << 32 | key length |  (head+1) << 32 | (tail+1) |
 *      0 = empty slot                                          hits: since the last eviction   pending chain, 0 = none
 *
 *  keys (int[], by key id), 4 ints:  | arena offset | value length (-1: none) | value capacity | slot |
 *
 *  arena (byte[]):   | key 0 | combined value 0 (capacity) | key 1 | value 1 | ...   a value that outgrows
 *                                                                                  its capacity moves the
 *                                                                                  entry to the end (x2)
 *  spare arena (byte[], as large): an eviction copies the keys that stay into it, then the two swap
 *  pending (byte[] + int[] offset, length, next):  | v | v | v | ...   values since the last combine,
 *                                                                      chained per key in arrival order
 * </pre>
 * A lookup reads one slot (half a cache line), plus the arena for keys longer than 8 bytes.
 */
package dev.quern.executor.combine;
