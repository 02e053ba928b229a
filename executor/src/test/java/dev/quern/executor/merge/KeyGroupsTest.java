package dev.quern.executor.merge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.api.KeyComparator;
import dev.quern.executor.merge.ListStream.Rec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyGroupsTest {

    private static final String[] VOCABULARY = {"", "a", "ab", "abc", "b", "ba", "bb", "z", "\u00e9", "\u4e2d"};

    /** Groups by the first byte only: a grouping comparator over a prefix of the sort key. */
    private static final KeyComparator FIRST_BYTE = (a, ao, al, b, bo, bl) ->
            KeyComparator.BYTES.compare(a, ao, Math.min(al, 1), b, bo, Math.min(bl, 1));

    /** What a consumer saw of one group: its key and the values it chose to read. */
    private record Seen(Rec first, List<Rec> read) {}

    @Test
    void groupsWhateverTheConsumerReads() throws IOException {
        Random random = new Random(21);
        for (KeyComparator grouping : List.of(KeyComparator.BYTES, FIRST_BYTE)) {
            for (int round = 0; round < 200; round++) {
                List<Rec> records = new ArrayList<>();
                for (int i = random.nextInt(60); i > 0; i--) {
                    records.add(Rec.of(VOCABULARY[random.nextInt(VOCABULARY.length)], "v" + records.size()));
                }
                records.sort(Rec.BY_KEY);
                // How many values to read per group: -1 all of them (and then some), else that many.
                int policy = round % 4 == 3 ? -2 : round % 4 - 1; // -1 all, 0 none, 1 one, -2 random
                List<Seen> seen = consume(new KeyGroups(new ListStream(records), grouping), records.size(), policy,
                        new Random(round));
                List<Seen> expected = oracle(records, grouping, policy, new Random(round));
                assertThat(seen).as("round %d policy %d: %s", round, policy, records).isEqualTo(expected);
            }
        }
    }

    @Test
    void anEmptyStreamHasNoGroups() throws IOException {
        KeyGroups groups = new KeyGroups(new ListStream(List.of()), KeyComparator.BYTES);
        assertThat(groups.nextGroup()).isFalse();
        assertThat(groups.nextGroup()).isFalse();
        assertThat(groups.nextValue()).isFalse();
    }

    @Test
    void theGroupKeyIsTheFirstKeyOfTheGroupAndOutlivesTheStreamBuffer() throws IOException {
        KeyGroups groups = new KeyGroups(new ListStream(List.of(Rec.of("ab", "1"), Rec.of("ax", "2"), Rec.of("b", "3"))),
                FIRST_BYTE);
        assertThat(groups.nextGroup()).isTrue();
        assertThat(groups.nextValue()).isTrue();
        assertThat(groups.nextValue()).isTrue();
        assertThat(ListStream.current(groups.stream())).isEqualTo(Rec.of("ax", "2"));
        assertThat(Arrays.copyOf(groups.groupKey(), groups.groupKeyLength())).isEqualTo("ab".getBytes());
        assertThat(groups.nextValue()).isFalse();
        assertThat(groups.nextValue()).as("still done").isFalse();
        assertThat(groups.nextGroup()).isTrue();
        assertThat(Arrays.copyOf(groups.groupKey(), groups.groupKeyLength())).isEqualTo("b".getBytes());
        assertThat(groups.nextGroup()).isFalse();
    }

    private static List<Seen> consume(KeyGroups groups, int records, int policy, Random random) throws IOException {
        List<Seen> seen = new ArrayList<>();
        while (groups.nextGroup()) {
            assertThat(seen).as("more groups than records").hasSizeLessThan(records);
            Rec first = new Rec(Arrays.copyOf(groups.groupKey(), groups.groupKeyLength()), new byte[0]);
            int limit = limit(policy, random);
            List<Rec> read = new ArrayList<>();
            while (read.size() < limit && groups.nextValue()) {
                read.add(ListStream.current(groups.stream()));
            }
            if (policy == -1) {
                assertThat(groups.nextValue()).as("nextValue() after the group ended").isFalse();
            }
            seen.add(new Seen(first, read));
        }
        return seen;
    }

    private static List<Seen> oracle(List<Rec> records, KeyComparator grouping, int policy, Random random) {
        List<Seen> expected = new ArrayList<>();
        int i = 0;
        while (i < records.size()) {
            int end = i + 1;
            while (end < records.size() && compare(grouping, records.get(i), records.get(end)) == 0) {
                end++;
            }
            int limit = limit(policy, random);
            List<Rec> group = records.subList(i, end);
            expected.add(new Seen(new Rec(records.get(i).key(), new byte[0]),
                    new ArrayList<>(group.subList(0, Math.min(limit, group.size())))));
            i = end;
        }
        return expected;
    }

    private static int limit(int policy, Random random) {
        return switch (policy) {
            case -1 -> Integer.MAX_VALUE;
            case -2 -> random.nextInt(4);
            default -> policy;
        };
    }

    private static int compare(KeyComparator c, Rec a, Rec b) {
        return c.compare(a.key(), 0, a.key().length, b.key(), 0, b.key().length);
    }
}
