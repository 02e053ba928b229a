/**
 * Input formats on the map side: a {@link dev.quern.executor.map.input.RecordReader} turns one split
 * into the mapper's (key, value) pairs; {@link dev.quern.executor.map.input.RecordReaders} picks it by
 * the input's format. The coordinator has already aligned every split to the format's records (see
 * {@code dev.quern.coordinator.split}), so each reader reads exactly its split's bytes.
 *
 * <pre>
 *  TEXT            abc def\n        key: offset of the line (Long)   value: "abc def" (String)
 *                                   a '\r' before the '\n' is dropped; the last line may lack '\n'
 *
 *  KEY_VALUE_TEXT  apple\t3\t4\n     key: "apple" (String)           value: "3\t4" (String)
 *                  pear\n           key: "pear"                       value: ""
 *                                   split at the first tab; the line as TEXT reads it
 *
 *  FIXED_LENGTH    |&lt;------------ recordBytes ------------&gt;|&lt;------------ recordBytes ...
 *  (e.g. 100, 10)  | key (keyBytes) | value (the rest)     | key | value ...
 *                                   key and value: byte[]; no separators; records never cross splits
 *
 *  RANGE           (no file)        key: i for i in [start, start + length) (Long)
 *                                   value: the input's count (Long)
 * </pre>
 */
package dev.quern.executor.map.input;
