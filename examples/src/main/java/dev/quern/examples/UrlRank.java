package dev.quern.examples;

import dev.quern.api.Codec;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A URL and how many requests it had: the key of {@link TopUrls}'s ranking job. Its encoding sorts, as
 * unsigned bytes, by count descending, then by URL ascending in UTF-8 byte order (the order of
 * {@code LC_ALL=C sort -k1,1nr -k2,2}), so the engine's byte sort ranks the URLs:
 *
 * <pre>
 *  +---------------------------------+-----------------------+
 *  | ~count: u64 big-endian, 8 bytes | url: UTF-8, 0..n bytes |
 *  +---------------------------------+-----------------------+
 * </pre>
 *
 * {@code ~count} (every bit flipped) of a count >= 0 is larger, as an unsigned number, the smaller the
 * count. The count part has a fixed width, so the URL bytes are compared only between equal counts;
 * the engine frames each key with its length, so the URL needs no terminator.
 *
 * @param count requests, >= 0
 * @param url the URL, as awk's {@code $7}
 */
public record UrlRank(long count, String url) {

    public UrlRank {
        if (count < 0) {
            throw new IllegalArgumentException("a request count is >= 0, got " + count + " for '" + url + "'");
        }
        Objects.requireNonNull(url, "url is null");
    }

    /** The encoding drawn above. */
    public static final class KeyCodec implements Codec<UrlRank> {
        @Override
        public void write(UrlRank value, DataOutput out) throws IOException {
            out.writeLong(~value.count());
            out.write(value.url().getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public UrlRank read(byte[] bytes, int offset, int length) {
            long inverted = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                inverted = inverted << 8 | (bytes[offset + i] & 0xFF);
            }
            return new UrlRank(~inverted, new String(bytes, offset + Long.BYTES, length - Long.BYTES, StandardCharsets.UTF_8));
        }

        @Override
        public String toText(UrlRank value) {
            return value.count() + "\t" + value.url();
        }
    }
}
