package dev.quern.executor.sort;

/**
 * A stable merge sort of record indices by an int comparator: no boxing and no allocation per record,
 * one scratch array per sort. Stable, so records with equal keys keep the order the mapper wrote them.
 */
public final class RecordSorter {

    /** Compares two record indices. */
    @FunctionalInterface
    public interface IndexComparator {
        int compare(int a, int b);
    }

    private static final int INSERTION_SORT_MAX = 16;

    private RecordSorter() {}

    public static void sort(int[] a, IndexComparator c) {
        int[] scratch = a.clone();
        mergeSort(scratch, a, 0, a.length, c);
    }

    /** Sorts {@code a[from, to)}. */
    public static void sort(int[] a, int from, int to, IndexComparator c) {
        int[] range = java.util.Arrays.copyOfRange(a, from, to);
        sort(range, c);
        System.arraycopy(range, 0, a, from, range.length);
    }

    /** Sorts src[from, to) into dst[from, to); both hold the same values on entry. */
    private static void mergeSort(int[] src, int[] dst, int from, int to, IndexComparator c) {
        int n = to - from;
        if (n <= INSERTION_SORT_MAX) {
            for (int i = from + 1; i < to; i++) {
                int v = dst[i];
                int j = i - 1;
                while (j >= from && c.compare(dst[j], v) > 0) {
                    dst[j + 1] = dst[j];
                    j--;
                }
                dst[j + 1] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(dst, src, from, mid, c);
        mergeSort(dst, src, mid, to, c);
        if (c.compare(src[mid - 1], src[mid]) <= 0) {
            System.arraycopy(src, from, dst, from, n);
            return;
        }
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to || (i < mid && c.compare(src[i], src[j]) <= 0)) {
                dst[k] = src[i++];
            } else {
                dst[k] = src[j++];
            }
        }
    }
}
