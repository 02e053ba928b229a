package dev.quern.coordinator.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.quern.proto.Split;
import java.util.List;
import org.junit.jupiter.api.Test;

class RangeSplitterTest {

    @Test
    void numbersAreCutAsEvenlyAsPossibleTheFirstSplitsOneLonger() {
        assertThat(RangeSplitter.split(10, 4, 1)).extracting(Split::getStart, Split::getLength)
                .containsExactly(tuple(0L, 3L), tuple(3L, 3L), tuple(6L, 2L), tuple(8L, 2L));
        assertThat(RangeSplitter.split(10, 4, 1)).allSatisfy(s -> {
            assertThat(s.getPath()).isEmpty();
            assertThat(s.getInputIndex()).isEqualTo(1);
        });
    }

    @Test
    void aRangeOfNothingHasNoSplits() {
        assertThat(RangeSplitter.split(0, 5, 0)).isEmpty();
    }

    @Test
    void fewerNumbersThanSplitsGiveOneNumberPerSplitAndNoEmptySplits() {
        assertThat(RangeSplitter.split(3, 8, 0)).extracting(Split::getStart, Split::getLength)
                .containsExactly(tuple(0L, 1L), tuple(1L, 1L), tuple(2L, 1L));
    }

    @Test
    void splitsCoverTheRangeExactlyForManyShapes() {
        for (long count : new long[] {1, 2, 7, 100, 1001, Long.MAX_VALUE}) {
            for (int splits : new int[] {1, 2, 3, 7, 64, 1000}) {
                List<Split> out = RangeSplitter.split(count, splits, 0);
                long next = 0;
                long min = Long.MAX_VALUE;
                long max = 0;
                for (Split s : out) {
                    assertThat(s.getStart()).as("count %d splits %d", count, splits).isEqualTo(next);
                    next += s.getLength();
                    min = Math.min(min, s.getLength());
                    max = Math.max(max, s.getLength());
                }
                assertThat(next).isEqualTo(count);
                assertThat(out).hasSize((int) Math.min(count, splits));
                assertThat(max - min).as("as even as possible").isLessThanOrEqualTo(1);
            }
        }
    }
}
