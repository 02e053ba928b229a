package dev.quern.api;

import java.io.DataOutput;
import java.io.IOException;

/**
 * Turns values of one type into bytes and back. The engine frames every key and value with its
 * length, so an encoding needs no length or terminator of its own.
 *
 * <p>Keys are sorted by their encoded bytes (see {@link KeyComparator#BYTES}): a key codec whose byte
 * order equals the order its users expect gives a sort without deserializing. The built-in codecs in
 * {@link Codecs} do. Implementations need a public no-argument constructor and must be stateless.
 *
 * @param <T> the Java type
 */
public interface Codec<T> {

    /** Writes the encoding of {@code value}. */
    void write(T value, DataOutput out) throws IOException;

    /** Reads a value from exactly {@code bytes[offset, offset + length)}. */
    T read(byte[] bytes, int offset, int length);

    /** How the value is written to text output ({@code key<TAB>value} lines). */
    default String toText(T value) {
        return String.valueOf(value);
    }
}
