package dev.quern.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TextTest {

    private static final String[] WORDS = {"", "a", "ab", "b", "Zebra", "zebra", "caf\u00e9", "cafe", "\u00fcber", "\uD83D\uDE00", "a\u0000b",
        "longer than eight bytes", "longer than eight bytez"};

    private static byte[] encode(Text t) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            Codecs.TEXT.write(t, out);
        }
        return bytes.toByteArray();
    }

    @Test
    void equalityHashAndOrderAreThoseOfTheUtf8BytesAsStringsOrderThem() throws IOException {
        List<Text> texts = new ArrayList<>();
        for (String w : WORDS) {
            Text t = new Text(w);
            assertThat(t.toString()).isEqualTo(w);
            assertThat(t.length()).isEqualTo(w.getBytes(UTF_8).length);
            assertThat(t).isEqualTo(new Text(w)).hasSameHashCodeAs(new Text(w));
            assertThat(encode(t)).isEqualTo(w.getBytes(UTF_8)); // the String codec's bytes: the same sort order
            texts.add(t);
        }
        List<String> byCodePoint = new ArrayList<>(List.of(WORDS));
        byCodePoint.sort(Comparator.comparing((String s) -> s.getBytes(UTF_8), java.util.Arrays::compareUnsigned));
        texts.sort(Comparator.naturalOrder());
        assertThat(texts.stream().map(Text::toString)).containsExactlyElementsOf(byCodePoint);
        assertThat(new Text("ab")).isNotEqualTo(new Text("abc")).isNotEqualTo("ab");
    }

    @Test
    void setCopiesARangeAndReusesOrGrowsItsArray() {
        Random random = new Random(7);
        Text t = new Text();
        for (int i = 0; i < 200; i++) {
            byte[] source = new byte[random.nextInt(300) + 1];
            random.nextBytes(source);
            int off = random.nextInt(source.length);
            int len = random.nextInt(source.length - off + 1);
            assertThat(t.set(source, off, len)).isSameAs(t);
            byte[] expected = java.util.Arrays.copyOfRange(source, off, off + len);
            assertThat(t.toBytes()).isEqualTo(expected);
            source[off] ^= 1; // a copy, not a view
            assertThat(t.toBytes()).isEqualTo(expected);
        }
        Text kept = t.set("kept").copy();
        t.set("changed");
        assertThat(kept.toString()).isEqualTo("kept");
    }

    @Test
    void aRangeOutsideTheArrayIsRefusedAndNamed() {
        assertThatThrownBy(() -> new Text().set(new byte[4], 2, 3))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("[2, 2 + 3) of a 4-byte array");
    }

    @Test
    void theCodecReadsAnIndependentTextAndWritesTextOutputAsUtf8() throws IOException {
        byte[] bytes = "xx caf\u00e9 yy".getBytes(UTF_8);
        Text read = Codecs.TEXT.read(bytes, 3, 5);
        bytes[3] = 'C';
        assertThat(read.toString()).isEqualTo("caf\u00e9");
        assertThat(Codecs.TEXT.toText(read)).isEqualTo("caf\u00e9");
        assertThat(Codecs.builtIn(Text.class)).containsSame(Codecs.TEXT);
    }
}
