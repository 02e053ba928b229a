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
 *  pending (byte[] + int[] offset, next):  | v | v | v | ...   values since the last combine, back to
 *                                                              back (one ends where the next starts),
 *                                                              chained per key in arrival order
 * </pre>
 * A lookup reads one slot (half a cache line), plus the arena for keys longer than 8 bytes. All of it
 * fits the table's budget: the arenas take a quarter, the slots and keys at most 3/8 (the slot count
 * is a power of two), the pending values the rest (up to 4 MiB of bytes). At 2 MiB: 8,192 keys.
 */
package dev.quern.executor.combine;
