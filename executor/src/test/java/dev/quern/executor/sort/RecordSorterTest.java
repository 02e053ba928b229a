package dev.quern.executor.sort;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RecordSorter against {@link List#sort}, which is documented stable: for every key pattern the
 * sorted index array must be exactly the oracle's, so equal keys keep their input order.
 */
class RecordSorterTest {

    enum Keys { FEW_DISTINCT, MANY_DISTINCT, ALL_EQUAL, ASCENDING, DESCENDING, SAWTOOTH }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 15, 16, 17, 33, 1000, 100_000})
    void sortsLikeAStableOracle(int size) {
        Random random = new Random(size);
        for (Keys pattern : Keys.values()) {
            int[] keys = keys(pattern, size, random);
            // Records in index order (as SortBuffer hands them over), and in a shuffled order.
            int[] identity = identity(size);
            int[] shuffled = shuffled(identity, random);
            for (int[] input : List.of(identity, shuffled)) {
                int[] sorted = input.clone();
                RecordSorter.sort(sorted, (a, b) -> Integer.compare(keys[a], keys[b]));
                assertThat(sorted).as("%s keys, size %d", pattern, size).isEqualTo(oracle(input, keys));
            }
        }
    }

    /** A comparator that answers with large magnitudes, not just -1/0/1, is handled the same. */
    @ParameterizedTest
    @ValueSource(ints = {17, 1000})
    void onlyTheSignOfTheComparatorMatters(int size) {
        Random random = new Random(-size);
        int[] keys = keys(Keys.FEW_DISTINCT, size, random);
        int[] sorted = shuffled(identity(size), random);
        int[] expected = oracle(sorted, keys);
        RecordSorter.sort(sorted, (a, b) -> Integer.signum(keys[a] - keys[b]) * 1_000_000);
        assertThat(sorted).isEqualTo(expected);
    }

    private static int[] oracle(int[] input, int[] keys) {
        List<Integer> boxed = new ArrayList<>(input.length);
        for (int i : input) {
            boxed.add(i);
        }
        boxed.sort(Comparator.comparingInt(i -> keys[i]));
        return boxed.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] keys(Keys pattern, int size, Random random) {
        int[] keys = new int[size];
        for (int i = 0; i < size; i++) {
            keys[i] = switch (pattern) {
                case FEW_DISTINCT -> random.nextInt(5);
                case MANY_DISTINCT -> random.nextInt();
                case ALL_EQUAL -> 42;
                case ASCENDING -> i / 3;
                case DESCENDING -> (size - i) / 3;
                case SAWTOOTH -> i % 7;
            };
        }
        return keys;
    }

    private static int[] identity(int size) {
        int[] a = new int[size];
        Arrays.setAll(a, i -> i);
        return a;
    }

    private static int[] shuffled(int[] a, Random random) {
        List<Integer> list = new ArrayList<>();
        for (int v : a) {
            list.add(v);
        }
        Collections.shuffle(list, random);
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
