/**
 * Turning a job's inputs into map tasks, one {@link dev.quern.proto.Split} each.
 * {@link dev.quern.coordinator.split.InputSplitter} picks the splitter by the input's format;
 * {@link dev.quern.coordinator.split.InputLister} finds the files of the file formats.
 * <ul>
 *   <li>TEXT and KEY_VALUE_TEXT: {@link dev.quern.coordinator.split.TextSplitter}, line-aligned byte
 *       ranges {@code [start, start + length)} (the rule below).
 *   <li>FIXED_LENGTH: {@link dev.quern.coordinator.split.FixedLengthSplitter}, byte ranges at
 *       multiples of the split size rounded down to whole records; a file that is not a whole number
 *       of records is refused at submit, naming the file, its length and the record size.
 *   <li>RANGE: {@link dev.quern.coordinator.split.RangeSplitter}, no files: the numbers
 *       {@code 0 .. count-1} in {@code splits} consecutive ranges, the first {@code count % splits}
 *       one longer; path empty, {@code [start, start + length)} the numbers; empty ranges dropped.
 * </ul>
 *
 * <p>Then, when the job sets {@code quern.split.combine}, {@link dev.quern.coordinator.split.SmallFileCombiner}
 * packs runs of small whole files (one split covering the file, shorter than the split size), in
 * order, into combined splits of at most the split size; a combined split lists its files in
 * {@code Split.files} and has no path of its own. Split size 100:
 * <pre>
 *  splits    [a 0+40] [b 0+40] [c 0+30] [big 0+100] [big 100+60] [f 0+10] [g 0+10]
 *  combined  [files: a, b]  [c 0+30]  [big 0+100] [big 100+60]  [files: f, g]
 *             length 80     (c does not fit beside a, b)          length 20
 * </pre>
 *
 * <p>The text rule: nominal boundaries sit at every multiple of the split size; each one moves forward to
 * the first line start at or after it, that is just past the first {@code '\n'} at index
 * {@code boundary - 1} or later, or to the end of the file if there is no such {@code '\n'}. Empty
 * splits are dropped. With split size 8 ({@code $} is one {@code '\n'} byte, 34 bytes in all):
 * <pre>
 *  offset     0         1         2         3
 *             0123456789012345678901234567890123
 *  file       abc$def$ghijklmnopqrstuvwxyz$12345
 *  nominal            8       16      24      32
 *  moved to           8            29       34(EOF)
 *  splits     [0, 8)  [8, 29)               [29, 34)
 * </pre>
 * <ul>
 *   <li>8: byte 7 is a {@code '\n'}, so 8 already is a line start and stays.
 *   <li>16: inside the long line "ghi...xyz", moves just past its {@code '\n'} to 29.
 *   <li>24: also moves to 29; the split [29, 29) is empty and dropped.
 *   <li>32: inside "12345", which has no {@code '\n'}, so the last split runs to the end of the file.
 * </ul>
 *
 * <p>Why the coordinator aligns, not the reader (Hadoop's {@code LineRecordReader} skips a partial
 * first line and reads past its end instead): every split then starts and ends on a line start, so
 * a map attempt reads exactly its bytes, no more, and the lines of all splits in order are the lines
 * of the file, each exactly once. A line longer than several split sizes simply makes one bigger
 * split. The price is one small read near each boundary at submit time.
 */
package dev.quern.coordinator.split;
