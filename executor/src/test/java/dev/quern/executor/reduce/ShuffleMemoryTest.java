package dev.quern.executor.reduce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShuffleMemoryTest {

    @Test
    void aSegmentIsHeldOnlyIfAtMostAQuarterOfTheBudgetAndItFits() {
        ShuffleMemory memory = new ShuffleMemory(1000);
        assertThat(memory.tryReserve(251)).as("over a quarter").isFalse();
        assertThat(memory.tryReserve(250)).isTrue();
        assertThat(memory.tryReserve(250)).isTrue();
        assertThat(memory.tryReserve(250)).isTrue();
        assertThat(memory.tryReserve(250)).isTrue();
        assertThat(memory.tryReserve(1)).as("full").isFalse();
        memory.release(250);
        assertThat(memory.tryReserve(200)).isTrue();
        assertThat(memory.used()).isEqualTo(950);
    }

    @Test
    void pastTwoThirdsTheHeldSegmentsShouldBeMerged() {
        ShuffleMemory memory = new ShuffleMemory(900);
        memory.tryReserve(200);
        memory.tryReserve(200);
        memory.tryReserve(200);
        assertThat(memory.overMergeThreshold()).as("600 of 900 is not past two thirds").isFalse();
        memory.tryReserve(1);
        assertThat(memory.overMergeThreshold()).isTrue();
    }

    @Test
    void aZeroBudgetHoldsNothing() {
        ShuffleMemory memory = new ShuffleMemory(0);
        assertThat(memory.tryReserve(1)).isFalse();
        assertThat(memory.overMergeThreshold()).isFalse();
    }

    @Test
    void releasingMoreThanHeldIsABug() {
        ShuffleMemory memory = new ShuffleMemory(100);
        memory.tryReserve(10);
        assertThatThrownBy(() -> memory.release(11)).isInstanceOf(IllegalStateException.class).hasMessageContaining("11");
        assertThatThrownBy(() -> new ShuffleMemory(-1)).hasMessageContaining("-1");
    }
}
