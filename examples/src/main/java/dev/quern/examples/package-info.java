/**
 * The example job programs ({@link dev.quern.api.Tool}s), by CLI name in {@link dev.quern.examples.Examples}:
 * {@code wordcount} ({@link dev.quern.examples.WordCount}, one job), {@code grep}
 * ({@link dev.quern.examples.Grep}), {@code invertedindex} ({@link dev.quern.examples.InvertedIndex},
 * small files in combined splits), {@code pi} ({@link dev.quern.examples.Pi}, a RANGE input) and
 * {@code topurls} ({@link dev.quern.examples.TopUrls}, a chain of two); {@code join} and
 * {@code pagedemographics} are in {@link dev.quern.examples.join}, TeraSort in
 * {@link dev.quern.examples.terasort}. docs/examples.md shows each beside its Unix pipeline or SQL.
 * The byte format of this package is the ranking key of {@code topurls}, drawn in
 * {@link dev.quern.examples.UrlRank}:
 *
 * <pre>
 *  +---------------------------------+-----------------------+
 *  | ~count: u64 big-endian, 8 bytes | url: UTF-8, 0..n bytes |      unsigned byte order =
 *  +---------------------------------+-----------------------+      count descending, then url
 * </pre>
 */
package dev.quern.examples;
