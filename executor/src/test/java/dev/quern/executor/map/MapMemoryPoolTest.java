package dev.quern.executor.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quern.executor.sort.SortBuffer;
import org.junit.jupiter.api.Test;

/** What the pool keeps, what it lends again, and in what state. */
class MapMemoryPoolTest {

    private static final long BUFFER = 64 << 10;
    private static final long TABLE = 64 << 10;

    @Test
    void aSetOfTheSameSizeIsLentAgainAsANewOne() {
        MapMemoryPool pool = new MapMemoryPool(1);
        MapMemory first = pool.take(BUFFER, 80, TABLE);
        SortBuffer buffer = first.buffer();
        byte[] record = new byte[100];
        while (buffer.fits(record.length) && !buffer.pastThreshold()) {
            buffer.append(1, record, 0, 40, 40, 60);
        }
        buffer.takeRegion(); // a region under spill when the attempt failed
        buffer.append(0, record, 0, 10, 10, 10);
        pool.give(first);
        assertThat(pool.freeSets()).isEqualTo(1);

        MapMemory second = pool.take(BUFFER, 80, TABLE);
        assertThat(second).isSameAs(first);
        assertThat(second.table()).isSameAs(first.table());
        assertThat(pool.reuses()).isEqualTo(1);
        assertThat(pool.freeSets()).isZero();
        SortBuffer fresh = new SortBuffer(BUFFER, 80);
        assertThat(buffer.records()).isZero();
        assertThat(buffer.unspilled()).isZero();
        assertThat(buffer.usedBytes()).isZero();
        assertThat(buffer.wraps()).isZero();
        assertThat(buffer.pastThreshold()).isFalse();
        assertThat(buffer.fits(fresh.capacityBytes())).isTrue();
        assertThat(buffer.capacityBytes()).isEqualTo(fresh.capacityBytes());
        assertThat(buffer.takeRegion()).isEqualTo(fresh.takeRegion()); // no region left taken
    }

    @Test
    void aBufferOfAnotherSizeOrThresholdIsDroppedNotLent() {
        MapMemoryPool pool = new MapMemoryPool(1);
        MapMemory small = pool.take(BUFFER, 80, 0);
        pool.give(small);
        MapMemory larger = pool.take(2 * BUFFER, 80, 0);
        assertThat(larger).isNotSameAs(small);
        assertThat(larger.buffer().capacityBytes()).isGreaterThan(small.buffer().capacityBytes());
        assertThat(pool.freeSets()).as("the small one, dropped: one slot keeps one set").isZero();
        pool.give(larger);
        MapMemory otherThreshold = pool.take(2 * BUFFER, 50, 0);
        assertThat(otherThreshold).isNotSameAs(larger);
        assertThat(pool.reuses()).isZero();
    }

    @Test
    void theTableIsKeptWhenOfTheSameSizeElseReplaced() {
        MapMemoryPool pool = new MapMemoryPool(1);
        MapMemory m = pool.take(BUFFER, 80, TABLE);
        var table = m.table();
        pool.give(m);
        assertThat(pool.take(BUFFER, 80, 2 * TABLE).table()).isNotSameAs(table);
        pool.give(m);
        assertThat(pool.take(BUFFER, 80, 0)).isSameAs(m);
        assertThatThrownBy(m::table).isInstanceOf(IllegalStateException.class).hasMessageContaining("no combining table");
    }

    @Test
    void atMostOneFreeSetPerSlotAndNoneForASlotThatRuns() {
        MapMemoryPool pool = new MapMemoryPool(2);
        MapMemory a = pool.take(BUFFER, 80, 0);
        MapMemory b = pool.take(BUFFER, 80, 0);
        MapMemory c = pool.take(BUFFER, 80, 0); // more attempts than slots: not refused
        pool.give(a);
        assertThat(pool.freeSets()).as("two attempts still run on two slots").isZero();
        pool.give(b);
        pool.give(c);
        assertThat(pool.freeSets()).isEqualTo(2);

        MapMemoryPool.Hold reduce = pool.hold();
        assertThat(pool.freeSets()).as("a reduce holds a slot's share").isEqualTo(1);
        try (MapMemoryPool.Hold another = pool.hold()) {
            assertThat(pool.freeSets()).isZero();
        }
        reduce.close();
        reduce.close(); // idempotent
        assertThat(pool.holders()).isZero();
        MapMemory d = pool.take(BUFFER, 80, 0);
        pool.give(d);
        assertThat(pool.freeSets()).isEqualTo(1);
    }

    @Test
    void memoryGivenBackTwiceIsRefusedAndForgottenMemoryIsNotKept() {
        MapMemoryPool pool = new MapMemoryPool(1);
        MapMemory m = pool.take(BUFFER, 80, 0);
        pool.forget(m);
        assertThat(pool.freeSets()).isZero();
        assertThat(pool.holders()).isZero();
        assertThatThrownBy(() -> pool.give(m)).isInstanceOf(IllegalStateException.class).hasMessageContaining("twice");
        assertThat(pool.take(BUFFER, 80, 0)).isNotSameAs(m);
        assertThatThrownBy(() -> new MapMemoryPool(0)).hasMessageContaining("at least 1 slot").hasMessageContaining("0");
    }

    @Test
    void aClosedPoolKeepsNothing() {
        MapMemoryPool pool = new MapMemoryPool(2);
        MapMemory running = pool.take(BUFFER, 80, 0);
        pool.give(pool.take(BUFFER, 80, 0));
        assertThat(pool.freeSets()).isEqualTo(1);
        pool.close();
        assertThat(pool.freeSets()).isZero();
        pool.give(running); // an attempt that ends after the executor stopped
        assertThat(pool.freeSets()).isZero();
        assertThat(pool.holders()).isZero();
    }
}
