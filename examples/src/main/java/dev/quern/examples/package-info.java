/**
 * The example job programs ({@link dev.quern.api.Tool}s), by CLI name in {@link dev.quern.examples.Examples}:
 * {@code wordcount} ({@link dev.quern.examples.WordCount}, one job) and {@code topurls}
 * ({@link dev.quern.examples.TopUrls}, a chain of two). The one byte format of their own is the
 * ranking key of {@code topurls}, drawn in {@link dev.quern.examples.UrlRank}:
 *
 * <pre>
 *  +---------------------------------+-----------------------+
 *  | ~count: u64 big-endian, 8 bytes | url: UTF-8, 0..n bytes |      unsigned byte order =
 *  +---------------------------------+-----------------------+      count descending, then url
 * </pre>
 */
package dev.quern.examples;
