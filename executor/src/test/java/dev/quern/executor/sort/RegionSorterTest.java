package dev.quern.executor.sort;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.api.KeyComparator;
import dev.quern.executor.sort.SortedRegions.Rec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Each region read back through {@link RegionSorter} is its records in (partition, key, append)
 * order, checked against a stable sort of a model: with the prefix sort and with a job's own
 * comparator, with one partition, a few, or more partitions than some regions have records for,
 * and with regions that wrap around the end of the slot ring. Keys are Zipf-like words in many
 * copies, some sharing their first 15 to 30 bytes; each value is the record's place in its region, so
 * the order of equal keys is checked too.
 */
class RegionSorterTest {

    @Test
    void regionsComeBackInPartitionKeyAndAppendOrder() throws IOException {
        KeyComparator own = (a, ao, al, b, bo, bl) -> Arrays.compareUnsigned(a, ao, ao + al, b, bo, bo + bl);
        for (KeyComparator comparator : List.of(KeyComparator.BYTES, own)) {
            for (int partitions : new int[] {1, 3, 40}) {
                Random random = new Random(partitions);
                List<byte[]> words = words(random);
                SortBuffer buffer = new SortBuffer(64 << 10, 80);
                RegionSorter sorter = new RegionSorter(buffer);
                List<Rec> unspilled = new ArrayList<>();
                int wrapped = 0;
                for (int round = 0; round < 10; round++) {
                    while (!buffer.pastThreshold()) {
                        append(buffer, random, words, partitions, unspilled);
                    }
                    SortBuffer.Region region = buffer.takeRegion();
                    if (region.firstSlot() + region.records() > buffer.capacityRecords()) {
                        wrapped++;
                    }
                    List<Rec> written = unspilled;
                    unspilled = new ArrayList<>();
                    // Records appended while the region is out: the next region starts further round the rings.
                    for (int more = random.nextInt(300); more > 0 && buffer.fits(64); more--) {
                        append(buffer, random, words, partitions, unspilled);
                    }
                    sorter.sort(region, comparator, partitions);
                    SortedRegions.assertSorted(sorter, partitions, written);
                    buffer.release(region);
                }
                assertThat(wrapped).as("regions that wrapped round the slot ring").isPositive();
            }
        }
    }

    private static void append(SortBuffer buffer, Random random, List<byte[]> words, int partitions, List<Rec> model) {
        int seq = model.size(); // its place among the records of its region
        byte[] key = words.get(Math.min(words.size() - 1, (int) (words.size() * Math.pow(random.nextDouble(), 3))));
        byte[] record = ByteBuffer.allocate(key.length + 4).put(key).putInt(seq).array();
        int partition = random.nextInt(partitions);
        buffer.append(partition, record, 0, key.length, key.length, 4);
        model.add(new Rec(partition, key, ByteBuffer.allocate(4).putInt(seq).array(), seq));
    }

    /** 300 words of 1 to 12 letters; one in five starts with 15 to 30 bytes shared with the others. */
    private static List<byte[]> words(Random random) {
        List<byte[]> words = new ArrayList<>();
        for (int w = 0; w < 300; w++) {
            int common = random.nextInt(5) == 0 ? 15 + random.nextInt(16) : 0;
            byte[] word = new byte[common + 1 + random.nextInt(12)];
            Arrays.fill(word, 0, common, (byte) 'q');
            for (int i = common; i < word.length; i++) {
                word[i] = (byte) ('a' + random.nextInt(random.nextBoolean() ? 3 : 26));
            }
            words.add(word);
        }
        return words;
    }
}
