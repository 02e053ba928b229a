package dev.quern.api;

import java.util.Arrays;

/**
 * Orders serialized keys without deserializing them: the sort of every map output and the grouping of
 * values into {@code reduce} calls run on bytes. The default, {@link #BYTES}, is unsigned
 * lexicographic byte order, which the built-in {@link Codecs} make equal to the natural Java order.
 * Jobs set another one for secondary sort (a sort comparator over a composite key, and a grouping
 * comparator over its prefix). Implementations need a public no-argument constructor.
 */
@FunctionalInterface
public interface KeyComparator {

    /** Unsigned lexicographic order of the bytes, shorter first on a common prefix ({@code memcmp}). */
    KeyComparator BYTES = (a, aOff, aLen, b, bOff, bLen) ->
            Arrays.compareUnsigned(a, aOff, aOff + aLen, b, bOff, bOff + bLen);

    int compare(byte[] a, int aOffset, int aLength, byte[] b, int bOffset, int bLength);
}
