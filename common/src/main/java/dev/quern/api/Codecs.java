package dev.quern.api;

import java.io.DataOutput;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in codecs. Their encodings sort, as unsigned bytes, in the natural order of the type:
 * <ul>
 *   <li>{@code String}: UTF-8, so the order is code point order (equal to {@code LC_ALL=C sort});
 *   <li>{@code Long}, {@code Integer}: big-endian two's complement with the sign bit flipped;
 *   <li>{@code Double}: IEEE 754 bits, all flipped when negative, else the sign bit flipped, so the
 *       order is {@link Double#compare} (-0.0 before 0.0, NaN last);
 *   <li>{@code byte[]}: the bytes themselves, written to text output as hex;
 *   <li>{@link Text}: its bytes, so the order is that of {@code String}'s for UTF-8 text; written to
 *       text output decoded as UTF-8.
 * </ul>
 */
public final class Codecs {

    public static final Codec<String> STRING = new StringCodec();
    public static final Codec<Long> LONG = new LongCodec();
    public static final Codec<Integer> INT = new IntCodec();
    public static final Codec<Double> DOUBLE = new DoubleCodec();
    public static final Codec<byte[]> BYTES = new BytesCodec();
    public static final Codec<Text> TEXT = new TextCodec();

    private static final Map<Class<?>, Codec<?>> BUILT_IN = Map.of(
            String.class, STRING, Long.class, LONG, Integer.class, INT, Double.class, DOUBLE, byte[].class, BYTES,
            Text.class, TEXT);

    private Codecs() {}

    /** The built-in codec for {@code type}, if there is one (boxed types only: {@code Long}, not {@code long}). */
    public static Optional<Codec<?>> builtIn(Class<?> type) {
        return Optional.ofNullable(BUILT_IN.get(type));
    }

    public static final class StringCodec implements Codec<String> {
        @Override
        public void write(String value, DataOutput out) throws IOException {
            int n = value.length();
            for (int i = 0; i < n; i++) {
                if (value.charAt(i) >= 0x80) {
                    out.write(value.getBytes(StandardCharsets.UTF_8));
                    return;
                }
            }
            out.writeBytes(value); // ASCII: one byte a char, no array made (this runs for every word of a word count)
        }

        @Override
        public String read(byte[] bytes, int offset, int length) {
            return new String(bytes, offset, length, StandardCharsets.UTF_8);
        }
    }

    public static final class LongCodec implements Codec<Long> {
        @Override
        public void write(Long value, DataOutput out) throws IOException {
            out.writeLong(value ^ Long.MIN_VALUE);
        }

        @Override
        public Long read(byte[] bytes, int offset, int length) {
            return readLong(bytes, offset, length) ^ Long.MIN_VALUE;
        }
    }

    public static final class IntCodec implements Codec<Integer> {
        @Override
        public void write(Integer value, DataOutput out) throws IOException {
            out.writeInt(value ^ Integer.MIN_VALUE);
        }

        @Override
        public Integer read(byte[] bytes, int offset, int length) {
            checkLength(length, 4, "int");
            return (int) readBigEndian(bytes, offset, 4) ^ Integer.MIN_VALUE;
        }
    }

    public static final class DoubleCodec implements Codec<Double> {
        @Override
        public void write(Double value, DataOutput out) throws IOException {
            long bits = Double.doubleToLongBits(value);
            out.writeLong(bits < 0 ? ~bits : bits ^ Long.MIN_VALUE);
        }

        @Override
        public Double read(byte[] bytes, int offset, int length) {
            long sortable = readLong(bytes, offset, length);
            return Double.longBitsToDouble(sortable < 0 ? sortable ^ Long.MIN_VALUE : ~sortable);
        }
    }

    public static final class BytesCodec implements Codec<byte[]> {
        @Override
        public void write(byte[] value, DataOutput out) throws IOException {
            out.write(value);
        }

        @Override
        public byte[] read(byte[] bytes, int offset, int length) {
            return Arrays.copyOfRange(bytes, offset, offset + length);
        }

        @Override
        public String toText(byte[] value) {
            return HexFormat.of().formatHex(value);
        }
    }

    public static final class TextCodec implements Codec<Text> {
        @Override
        public void write(Text value, DataOutput out) throws IOException {
            out.write(value.bytes(), 0, value.length());
        }

        @Override
        public Text read(byte[] bytes, int offset, int length) {
            return new Text().set(bytes, offset, length);
        }
    }

    private static long readLong(byte[] bytes, int offset, int length) {
        checkLength(length, 8, "long");
        return (long) LONGS.get(bytes, offset); // one load: Java 17's C2 does not merge a loop of byte loads
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private static long readBigEndian(byte[] bytes, int offset, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = v << 8 | (bytes[offset + i] & 0xff);
        }
        return v;
    }

    private static void checkLength(int length, int expected, String type) {
        if (length != expected) {
            throw new IllegalArgumentException("a " + type + " is " + expected + " bytes, got " + length);
        }
    }
}
