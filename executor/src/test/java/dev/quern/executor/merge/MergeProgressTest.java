package dev.quern.executor.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class MergeProgressTest {

    private static final List<Long> TENS = Collections.nCopies(130, 10L);

    /** Runs merged in an intermediate pass are read twice; a group of one is carried over unread. */
    @Test
    void theRecordsAMergeReadsCountEveryPass() {
        assertThat(MergeProgress.recordsToRead(TENS, 64, true)).isEqualTo(1300 + 1300);   // groups of 64, 64, 2, then 3 runs
        assertThat(MergeProgress.recordsToRead(TENS.subList(0, 65), 64, true)).isEqualTo(640 + 650); // 64 and 1, then 2 runs
        assertThat(MergeProgress.recordsToRead(TENS.subList(0, 64), 64, true)).isEqualTo(640);      // one pass
        assertThat(MergeProgress.recordsToRead(List.of(), 64, true)).isZero();
    }

    /** A reduce's final pass streams into the reducer: only the intermediate passes count. */
    @Test
    void withoutTheFinalPassOnlyIntermediatePassesCount() {
        assertThat(MergeProgress.recordsToRead(TENS, 64, false)).isEqualTo(1300);
        assertThat(MergeProgress.recordsToRead(TENS.subList(0, 64), 64, false)).isZero();
    }

    @Test
    void fractionsRiseToOneAndNoFurther() {
        List<Float> reports = new ArrayList<>();
        MergeProgress progress = new MergeProgress(List.of(5000L, 5000L), 64, true, reports::add);
        progress.records(MergingStream.TICK_EVERY);
        progress.records(10_000 - MergingStream.TICK_EVERY);
        progress.records(7); // a combiner-free estimate is exact; more than it never passes 1
        assertThat(reports).containsExactly((float) MergingStream.TICK_EVERY / 10_000, 1f, 1f);
    }
}
