/**
 * The map side's sort buffer and its sorts: {@link dev.quern.executor.sort.SortBuffer} holds
 * serialized records in two rings, {@link dev.quern.executor.sort.RegionSorter} orders a region of
 * them by (partition, key) without deserializing, {@link dev.quern.executor.sort.GatheringStream}
 * hands a sorted partition to the spill writer.
 *
 * <pre>
 *  data ring (byte[], half the budget):  each record's key then value, contiguous
 *
 *    0                     head                                  tail                 capacity
 *    |  free               | region being spilled | newer records |  free               |
 *    +---------------------+------+----+----------+------+--------+---------------------+
 *                           k0 v0  k1 v1  ...        kN vN
 *
 *  after a wrap (a record that does not fit before the end goes to 0; the bytes it skipped are unused):
 *
 *    0            tail                        head                           gap    capacity
 *    | newer recs |  free                     | region being spilled | newer | unused |
 *    +------------+---------------------------+----------------------+-------+--------+
 *
 *  metadata ring (int[], the other half), 4 ints per record slot, slots in append order:
 *    | partition | key start (in the data ring) | key length | value length |
 *
 *  region = slots [firstSlot, firstSlot + records) modulo the slot count: every record appended
 *  since the previous region. The mapper takes one when the data (or the slots) in use reach the
 *  spill threshold (quern.map.sort.spill-percent, 80 % by default) and no spill is running; the
 *  spill thread sorts and writes it while the mapper appends into the free part; releasing it moves
 *  head to the next record's start. The mapper waits only for a record that does not fit.
 *
 *  sort arrays (RegionSorter, 40 bytes per record of the largest region so far, reused):
 *    order int[] (slots, sorted), prefixes long[] (key bytes 0..6), seconds long[] (key bytes 7..13),
 *    and a scratch copy of each: ByteRadix scatters a bucket from one copy into the other, by the
 *    highest byte in which its prefixes differ, and the next bucket down back again
 * </pre>
 */
package dev.quern.executor.sort;
