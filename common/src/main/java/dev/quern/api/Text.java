package dev.quern.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A mutable, reusable sequence of bytes, usually UTF-8 text: what a mapper of TEXT input receives
 * when it declares {@code Text} as its value type, and a key type that costs no {@code String} per
 * record. Equality, hash and order are those of the bytes (unsigned, as {@link KeyComparator#BYTES}
 * and {@code LC_ALL=C sort} order them); {@link #toString()} decodes UTF-8.
 *
 * <pre>{@code
 * public class Tokenizer extends Mapper<Long, Text, Text, Long> {
 *     private final Text word = new Text();
 *     public void map(Long offset, Text line, Context<Text, Long> context) throws IOException {
 *         byte[] b = line.bytes();
 *         for (int i = 0, n = line.length(); i < n; ) {
 *             while (i < n && b[i] == ' ') i++;
 *             int start = i;
 *             while (i < n && b[i] != ' ') i++;
 *             if (i > start) context.write(word.set(b, start, i - start), 1L);
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>The engine reuses the {@code Text} it hands to {@code map}: copy it ({@link #copy()}) to keep it
 * past the call. {@link Context#write} serializes at once, so one {@code Text} can be written again and
 * again. Not thread-safe.
 */
public final class Text implements Comparable<Text> {

    private static final byte[] EMPTY = new byte[0];

    private byte[] bytes = EMPTY;
    private int length;

    public Text() {}

    public Text(String s) {
        set(s);
    }

    /** Makes this {@code bytes[offset, offset + length)}, copied; returns this. */
    public Text set(byte[] source, int offset, int length) {
        if (offset < 0 || length < 0 || offset > source.length - length) {
            throw new IndexOutOfBoundsException("range [" + offset + ", " + offset + " + " + length + ") of a "
                    + source.length + "-byte array");
        }
        if (bytes.length < length) {
            bytes = new byte[Math.max(length, (int) Math.min(Integer.MAX_VALUE - 8, 2L * bytes.length))];
        }
        System.arraycopy(source, offset, bytes, 0, length);
        this.length = length;
        return this;
    }

    /** Makes this the UTF-8 encoding of {@code s}; returns this. */
    public Text set(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        return set(utf8, 0, utf8.length);
    }

    /** The backing array: only its first {@link #length()} bytes are this text's. */
    public byte[] bytes() { return bytes; }

    /** The number of bytes. */
    public int length() { return length; }

    /** A copy that does not change when this one does. */
    public Text copy() {
        return new Text().set(bytes, 0, length);
    }

    /** The bytes, in an array of their own. */
    public byte[] toBytes() {
        return Arrays.copyOf(bytes, length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Text t && Arrays.equals(bytes, 0, length, t.bytes, 0, t.length);
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = 0; i < length; i++) {
            h = 31 * h + bytes[i];
        }
        return h;
    }

    /** Unsigned byte order, shorter first on a common prefix. */
    @Override
    public int compareTo(Text o) {
        return Arrays.compareUnsigned(bytes, 0, length, o.bytes, 0, o.length);
    }

    /** The bytes decoded as UTF-8, malformed ones replaced by U+FFFD. */
    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
}
