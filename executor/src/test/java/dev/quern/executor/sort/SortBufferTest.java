package dev.quern.executor.sort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quern.api.KeyComparator;
import dev.quern.executor.sort.SortedRegions.Rec;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The circular buffer against a model: records appended while an earlier region is out for its
 * spill go into the free part, wrapping around the end of the data ring, and every region read back
 * through {@link RegionSorter} is exactly its records in (partition, key, append) order, across
 * batch boundaries and with records larger than a batch handed out in place.
 */
class SortBufferTest {

    private static final int PARTITIONS = 3;

    @Test
    void regionsReadBackSortedWhileTheRestWrapsAroundTheRing() throws IOException {
        Random random = new Random(3);
        for (KeyComparator comparator : List.of(KeyComparator.BYTES, (KeyComparator) (a, ao, al, b, bo, bl) ->
                Arrays.compareUnsigned(a, ao, ao + al, b, bo, bo + bl))) {
            SortBuffer buffer = new SortBuffer(4 << 20, 80);
            RegionSorter sorter = new RegionSorter(buffer);
            Deque<Rec> unspilled = new ArrayDeque<>();
            int seq = 0;
            int regions = 0;
            for (int round = 0; round < 12; round++) {
                // Fill past the threshold, take a region, then append while it is out until a record does not fit.
                while (!buffer.pastThreshold()) {
                    seq = appendOne(buffer, random, unspilled, seq, 1 << 20);
                }
                SortBuffer.Region region = buffer.takeRegion();
                List<Rec> inRegion = new ArrayList<>(unspilled);
                unspilled.clear();
                assertThat(region.records()).isEqualTo(inRegion.size());
                int fitted = seq;
                seq = appendWhileFits(buffer, random, unspilled, seq);
                assertThat(seq - fitted).as("records appended while a region was out").isPositive();
                assertThatThrownBy(buffer::takeRegion).isInstanceOf(IllegalStateException.class);
                assertSorted(sorter, region, comparator, inRegion);
                buffer.release(region);
                regions++;
                assertThat(buffer.records()).isEqualTo(unspilled.size());
            }
            assertThat(buffer.wraps()).as("records that went round the end of the data ring").isGreaterThan(regions / 2);
            SortBuffer.Region last = buffer.takeRegion();
            assertSorted(sorter, last, comparator, new ArrayList<>(unspilled));
            buffer.release(last);
            assertThat(buffer.records()).isZero();
            assertThat(buffer.usedBytes()).isZero();
        }
    }

    @Test
    void thresholdIsAPercentOfTheDataAndARecordLargerThanTheRingNeverFits() {
        SortBuffer buffer = new SortBuffer(64 << 10, 80);
        byte[] record = new byte[100];
        int appended = 0;
        while (!buffer.pastThreshold()) {
            buffer.append(0, record, 0, 10, 10, 90);
            appended++;
        }
        assertThat(buffer.usedBytes()).isBetween((long) (buffer.capacityBytes() * 0.8), (long) (buffer.capacityBytes() * 0.8) + 100);
        assertThat(appended).isEqualTo((int) Math.ceil(buffer.capacityBytes() * 0.8 / 100));
        assertThat(buffer.fits(buffer.capacityBytes() + 1)).isFalse();
        SortBuffer.Region all = buffer.takeRegion();
        buffer.release(all);
        assertThat(buffer.fits(buffer.capacityBytes())).isTrue();
        assertThat(buffer.fits(buffer.capacityBytes() + 1)).isFalse();
        assertThatThrownBy(() -> new SortBuffer(1 << 20, 0)).hasMessageContaining("spill percent").hasMessageContaining("0.0");
    }

    private static int appendOne(SortBuffer buffer, Random random, Deque<Rec> model, int seq, int maxHuge) {
        byte[] key = bytes(random, random.nextInt(2000) == 0 ? 300_000 : random.nextInt(14));
        byte[] value = bytes(random, random.nextInt(2000) == 0 ? Math.min(maxHuge, 400_000) : random.nextInt(30));
        if (!buffer.fits(key.length + value.length)) {
            return seq;
        }
        byte[] both = new byte[key.length + value.length + 7]; // at an offset, as the collector's scratch holds them
        System.arraycopy(key, 0, both, 3, key.length);
        System.arraycopy(value, 0, both, 3 + key.length, value.length);
        int partition = random.nextInt(PARTITIONS);
        buffer.append(partition, both, 3, key.length, 3 + key.length, value.length);
        model.add(new Rec(partition, key, value, seq));
        return seq + 1;
    }

    private static int appendWhileFits(SortBuffer buffer, Random random, Deque<Rec> model, int seq) {
        while (true) {
            int next = appendOne(buffer, random, model, seq, 0);
            if (next == seq) {
                return seq;
            }
            seq = next;
        }
    }

    private static void assertSorted(RegionSorter sorter, SortBuffer.Region region, KeyComparator comparator, List<Rec> written)
            throws IOException {
        sorter.sort(region, comparator, PARTITIONS);
        SortedRegions.assertSorted(sorter, PARTITIONS, written);
    }

    private static byte[] bytes(Random random, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) ("abc".charAt(random.nextInt(3)));
        }
        return b;
    }
}
