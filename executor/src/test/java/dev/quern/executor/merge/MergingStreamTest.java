package dev.quern.executor.merge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.api.KeyComparator;
import dev.quern.executor.merge.ListStream.Rec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MergingStreamTest {

    /** Keys that tie often, are prefixes of each other, and sort differently as signed bytes. */
    private static final String[] VOCABULARY = {"", "a", "ab", "abc", "b", "ba", "z", "\u00e9", "\u00e9t\u00e9", "\u4e2d"};

    /**
     * The merge of k sorted streams is the stable sort of their concatenation (stream 0 first): globally
     * sorted, and equal keys in stream order, then in order within a stream.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 5, 9})
    void mergeIsTheStableSortOfTheConcatenation(int k) throws IOException {
        Random random = new Random(k);
        for (int round = 0; round < 50; round++) {
            List<List<Rec>> inputs = new ArrayList<>();
            List<Rec> concatenation = new ArrayList<>();
            for (int s = 0; s < k; s++) {
                boolean empty = random.nextInt(3) == 0 || (round % 5 == 1 && s == 0) || (round % 5 == 2 && s == k - 1);
                List<Rec> records = new ArrayList<>();
                for (int i = empty ? 0 : 1 + random.nextInt(40); i > 0; i--) {
                    records.add(Rec.of(VOCABULARY[random.nextInt(VOCABULARY.length)], "s" + s + "#" + records.size()));
                }
                records.sort(Rec.BY_KEY);
                inputs.add(records);
                concatenation.addAll(records);
            }
            List<Rec> expected = new ArrayList<>(concatenation);
            expected.sort(Rec.BY_KEY);

            List<ListStream> streams = inputs.stream().map(ListStream::new).toList();
            MergingStream merged = new MergingStream(streams, KeyComparator.BYTES);
            assertThat(ListStream.drain(merged)).as("round %d of %s", round, inputs).isEqualTo(expected);
            assertThat(merged.next()).as("next() after the end").isFalse();
            merged.close();
            assertThat(streams).allMatch(s -> s.closed, "every input is closed");
        }
    }

    @Test
    void equalKeysComeOutInStreamOrder() throws IOException {
        List<ListStream> streams = List.of(
                new ListStream(List.of(Rec.of("k", "0a"), Rec.of("k", "0b"))),
                new ListStream(List.of()),
                new ListStream(List.of(Rec.of("a", "2"), Rec.of("k", "2"), Rec.of("z", "2"))),
                new ListStream(List.of(Rec.of("k", "3"))));
        try (MergingStream merged = new MergingStream(streams, KeyComparator.BYTES)) {
            assertThat(ListStream.drain(merged)).containsExactly(Rec.of("a", "2"), Rec.of("k", "0a"), Rec.of("k", "0b"),
                    Rec.of("k", "2"), Rec.of("k", "3"), Rec.of("z", "2"));
        }
    }

    @Test
    void theComparatorDecidesTheOrder() throws IOException {
        KeyComparator reverse = (a, ao, al, b, bo, bl) -> KeyComparator.BYTES.compare(b, bo, bl, a, ao, al);
        List<ListStream> streams = List.of(
                new ListStream(List.of(Rec.of("c", "0"), Rec.of("a", "0"))),
                new ListStream(List.of(Rec.of("d", "1"), Rec.of("c", "1"), Rec.of("b", "1"))));
        try (MergingStream merged = new MergingStream(streams, reverse)) {
            assertThat(ListStream.drain(merged)).containsExactly(Rec.of("d", "1"), Rec.of("c", "0"), Rec.of("c", "1"),
                    Rec.of("b", "1"), Rec.of("a", "0"));
        }
    }
}
