package dev.quern.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every built-in codec round-trips, and its encodings compared as unsigned bytes order values the
 * way an independent oracle does (never the codec's own arithmetic).
 */
class CodecsTest {

    private static final int RANDOM_VALUES = 400;

    @Test
    void longs() throws IOException {
        Random random = new Random(1);
        List<Long> values = new ArrayList<>(List.of(Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE,
                Long.MAX_VALUE - 1, 0L, -1L, 1L, (long) Integer.MIN_VALUE, (long) Integer.MAX_VALUE, 255L, 256L, -256L));
        for (int i = 0; i < RANDOM_VALUES; i++) {
            values.add(i % 2 == 0 ? random.nextLong() : random.nextInt(2001) - 1000);
        }
        check(Codecs.LONG, values, Long::compare);
    }

    @Test
    void ints() throws IOException {
        Random random = new Random(2);
        List<Integer> values = new ArrayList<>(List.of(Integer.MIN_VALUE, Integer.MIN_VALUE + 1, Integer.MAX_VALUE,
                Integer.MAX_VALUE - 1, 0, -1, 1, 127, 128, -128, -129));
        for (int i = 0; i < RANDOM_VALUES; i++) {
            values.add(i % 2 == 0 ? random.nextInt() : random.nextInt(2001) - 1000);
        }
        check(Codecs.INT, values, Integer::compare);
    }

    @Test
    void doubles() throws IOException {
        Random random = new Random(3);
        List<Double> values = new ArrayList<>(List.of(-0.0, 0.0, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE,
                Double.MIN_NORMAL, -Double.MIN_NORMAL, 1.0, -1.0, Math.nextUp(1.0), Math.nextDown(-1.0),
                Double.longBitsToDouble(0x7ff0000000000001L), Double.longBitsToDouble(0xfff8000000000001L)));
        for (int i = 0; i < RANDOM_VALUES; i++) {
            values.add(switch (i % 3) {
                case 0 -> Double.longBitsToDouble(random.nextLong()); // every bit pattern, NaNs included
                case 1 -> random.nextGaussian() * 1000;
                default -> (double) (random.nextInt(21) - 10); // many equal values
            });
        }
        // Double.equals and Double.compare both treat every NaN as one value and -0.0 < 0.0.
        check(Codecs.DOUBLE, values, Double::compare);
    }

    @Test
    void strings() throws IOException {
        Random random = new Random(4);
        // Code points from every UTF-8 length, and the corners where String.compareTo is not code point order.
        int[] alphabet = {'a', 'b', 'z', 0x7f, 0x80, 0xe9, 0x7ff, 0x800, 0x4e2d, 0xd7ff, 0xe000, 0xfffd, 0xffff,
                0x10000, 0x1f600, 0x10ffff};
        List<String> values = new ArrayList<>(List.of("", "a", "ab", "abc", "b", "\u00e9", "\uffff", "\ue000",
                new String(Character.toChars(0x1f600)), new String(Character.toChars(0x10ffff))));
        for (int i = 0; i < RANDOM_VALUES; i++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(7);
            for (int j = 0; j < length; j++) {
                s.appendCodePoint(i % 2 == 0 ? alphabet[random.nextInt(alphabet.length)] : randomCodePoint(random));
            }
            values.add(s.toString());
            int[] cps = s.codePoints().toArray();
            values.add(new String(cps, 0, random.nextInt(cps.length + 1))); // a prefix
        }
        check(Codecs.STRING, values, CodecsTest::compareCodePoints);
    }

    /** The case where UTF-16 order (String.compareTo) and code point order (UTF-8 bytes) disagree. */
    @Test
    void stringOrderIsCodePointOrderNotUtf16Order() throws IOException {
        String privateUse = "\ue000";
        String emoji = new String(Character.toChars(0x1f600)); // surrogates D83D DE00
        assertThat(privateUse.compareTo(emoji)).isPositive();
        assertThat(KeyComparator.BYTES.compare(encode(Codecs.STRING, privateUse), 0, 3,
                encode(Codecs.STRING, emoji), 0, 4)).isNegative();
    }

    @Test
    void bytes() throws IOException {
        Random random = new Random(5);
        List<byte[]> values = new ArrayList<>(List.of(new byte[0], new byte[] {0}, new byte[] {0, 0},
                new byte[] {(byte) 0xff}, new byte[] {0x7f}, new byte[] {(byte) 0x80}, new byte[] {1, (byte) 0xff}));
        for (int i = 0; i < RANDOM_VALUES; i++) {
            byte[] b = new byte[random.nextInt(6)];
            for (int j = 0; j < b.length; j++) {
                b[j] = (byte) (i % 2 == 0 ? random.nextInt(256) : random.nextInt(3) * 0x7f); // 0, 7f, fe: ties, prefixes
            }
            values.add(b);
        }
        check(Codecs.BYTES, values, Arrays::compareUnsigned, ByteArrayBox::new);
        assertThat(Codecs.BYTES.toText(new byte[] {0x00, (byte) 0xab, 0x7f, (byte) 0xff})).isEqualTo("00ab7fff");
        assertThat(Codecs.BYTES.toText(new byte[0])).isEmpty();
    }

    @Test
    void fixedWidthCodecsRejectAWrongLengthNamingBothLengths() {
        assertThatThrownBy(() -> Codecs.INT.read(new byte[8], 0, 8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4").hasMessageContaining("8");
        assertThatThrownBy(() -> Codecs.INT.read(new byte[8], 0, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4").hasMessageContaining("3");
        assertThatThrownBy(() -> Codecs.LONG.read(new byte[8], 0, 7))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8").hasMessageContaining("7");
        assertThatThrownBy(() -> Codecs.DOUBLE.read(new byte[9], 0, 9))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8").hasMessageContaining("9");
    }

    @Test
    void builtInsByType() {
        assertThat(Codecs.builtIn(Long.class)).containsSame(Codecs.LONG);
        assertThat(Codecs.builtIn(byte[].class)).containsSame(Codecs.BYTES);
        assertThat(Codecs.builtIn(long.class)).isEmpty();
    }

    private static <T> void check(Codec<T> codec, List<T> values, Comparator<T> natural) throws IOException {
        check(codec, values, natural, v -> v);
    }

    /** Round trip at offset 0 and inside a larger array; then every pair's byte order against {@code natural}. */
    private static <T> void check(Codec<T> codec, List<T> values, Comparator<T> natural, Function<T, Object> equality)
            throws IOException {
        List<byte[]> encoded = new ArrayList<>();
        for (T value : values) {
            byte[] bytes = encode(codec, value);
            encoded.add(bytes);
            assertThat(equality.apply(codec.read(bytes, 0, bytes.length))).as("round trip of %s", value)
                    .isEqualTo(equality.apply(value));
            byte[] padded = new byte[bytes.length + 6];
            Arrays.fill(padded, (byte) 0xa5);
            System.arraycopy(bytes, 0, padded, 3, bytes.length);
            assertThat(equality.apply(codec.read(padded, 3, bytes.length))).as("round trip at offset 3 of %s", value)
                    .isEqualTo(equality.apply(value));
        }
        for (int i = 0; i < values.size(); i++) {
            for (int j = 0; j < values.size(); j++) {
                byte[] a = encoded.get(i);
                byte[] b = encoded.get(j);
                int bytes = Integer.signum(KeyComparator.BYTES.compare(a, 0, a.length, b, 0, b.length));
                assertThat(bytes).as("order of %s vs %s", codec.toText(values.get(i)), codec.toText(values.get(j)))
                        .isEqualTo(Integer.signum(natural.compare(values.get(i), values.get(j))));
            }
        }
    }

    private static <T> byte[] encode(Codec<T> codec, T value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            codec.write(value, out);
        }
        return bytes.toByteArray();
    }

    private static int compareCodePoints(String a, String b) {
        return Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    /** Any Unicode scalar value (no lone surrogates: they have no UTF-8 encoding), weighted by UTF-8 length. */
    private static int randomCodePoint(Random random) {
        while (true) {
            int cp = switch (random.nextInt(4)) {
                case 0 -> random.nextInt(0x80);
                case 1 -> 0x80 + random.nextInt(0x800 - 0x80);
                case 2 -> 0x800 + random.nextInt(0x10000 - 0x800);
                default -> 0x10000 + random.nextInt(0x110000 - 0x10000);
            };
            if (cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE) {
                return cp;
            }
        }
    }

    /** byte[] with value equality, for round-trip assertions. */
    private record ByteArrayBox(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ByteArrayBox other && Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return Arrays.toString(bytes);
        }
    }
}
