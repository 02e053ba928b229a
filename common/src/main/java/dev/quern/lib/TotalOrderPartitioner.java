package dev.quern.lib;

import dev.quern.api.Partitioner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Sends keys to reducers by range, so that part file {@code r} holds only keys below those of part
 * file {@code r + 1}: concatenating the sorted part files in order gives one sorted whole (TeraSort).
 *
 * <p>The ranges come from {@code R - 1} boundaries {@code b[0] <= b[1] <= ... <= b[R-2]}, serialized
 * keys compared as unsigned bytes (the engine's default sort order). Partition {@code p} takes the
 * keys {@code k} with {@code b[p-1] <= k < b[p]} (no lower bound for {@code p = 0}, no upper bound for
 * {@code p = R-1}): a key equal to a boundary goes above it. A binary search finds the partition, so
 * it is a non-decreasing function of the key. Equal boundaries are allowed and leave the partitions
 * between them empty; many equal keys then all land in one partition, which is unbalanced but still
 * a total order.
 *
 * <p>The boundaries are read by {@link #configure} from the job configuration key {@link #BOUNDARIES}:
 * the keys in hex, separated by commas, in order ({@link #encode}); the empty string is no boundary
 * (one reducer). An empty key is not allowed as a boundary (nothing sorts below it, so it would only
 * empty partition 0). {@link InputSampler} picks boundaries from a sample of the input.
 *
 * <pre>{@code
 * List<byte[]> boundaries = InputSampler.boundaries(InputSampler.sample(input, 10_000), reducers);
 * Job.builder("sort").input(input).partitioner(TotalOrderPartitioner.class)
 *         .set(TotalOrderPartitioner.BOUNDARIES, TotalOrderPartitioner.encode(boundaries))
 *         .reducers(reducers)...
 * }</pre>
 */
public final class TotalOrderPartitioner implements Partitioner {

    /** The configuration key holding the boundaries, as {@link #encode} writes them. */
    public static final String BOUNDARIES = "quern.lib.total-order.boundaries";

    private byte[][] boundaries;

    /**
     * Reads and checks the boundaries.
     *
     * @throws IllegalArgumentException when the key is missing, a boundary is not hex or is empty, or
     *     the boundaries are out of order; the message names the boundary
     */
    @Override
    public void configure(Map<String, String> configuration) {
        String raw = configuration.get(BOUNDARIES);
        if (raw == null) {
            throw new IllegalArgumentException("configuration key " + BOUNDARIES + " is not set: see InputSampler");
        }
        boundaries = decode(raw).toArray(byte[][]::new);
    }

    @Override
    public int partition(byte[] key, int offset, int length, int partitions) {
        if (boundaries == null) {
            throw new IllegalStateException("TotalOrderPartitioner used before configure()");
        }
        if (boundaries.length != partitions - 1) {
            throw new IllegalArgumentException(BOUNDARIES + " holds " + boundaries.length + " boundaries, but the job has "
                    + partitions + " reducers: it needs " + (partitions - 1));
        }
        // The number of boundaries <= key: the first index whose boundary is > key.
        int low = 0;
        int high = boundaries.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            byte[] b = boundaries[mid];
            if (Arrays.compareUnsigned(b, 0, b.length, key, offset, offset + length) <= 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** The configuration value for {@code boundaries}, which must be in order. */
    public static String encode(List<byte[]> boundaries) {
        List<String> hex = new ArrayList<>(boundaries.size());
        for (byte[] b : boundaries) {
            hex.add(HexFormat.of().formatHex(b));
        }
        String encoded = String.join(",", hex);
        decode(encoded); // the same checks configure() makes, at the client, where the mistake is
        return encoded;
    }

    /** The boundaries in {@code encoded}, checked. */
    public static List<byte[]> decode(String encoded) {
        List<byte[]> out = new ArrayList<>();
        if (encoded.isEmpty()) {
            return out;
        }
        String[] parts = encoded.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            String hex = parts[i].trim();
            if (hex.isEmpty()) {
                throw new IllegalArgumentException(BOUNDARIES + ": boundary " + i + " is empty");
            }
            byte[] b;
            try {
                b = HexFormat.of().parseHex(hex);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(BOUNDARIES + ": boundary " + i + " '" + abbreviate(hex) + "' is not hex", e);
            }
            if (!out.isEmpty() && Arrays.compareUnsigned(out.get(i - 1), b) > 0) {
                throw new IllegalArgumentException(BOUNDARIES + ": boundary " + i + " '" + abbreviate(hex)
                        + "' sorts before boundary " + (i - 1) + " '" + abbreviate(parts[i - 1].trim()) + "'");
            }
            out.add(b);
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }
}
