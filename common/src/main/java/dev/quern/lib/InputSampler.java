package dev.quern.lib;

import static java.nio.file.StandardOpenOption.READ;

import dev.quern.api.Input;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Picks the reduce boundaries of a total-order sort ({@link TotalOrderPartitioner}) from a sample of
 * the input's keys. It runs in the client, when the job is planned, and reads only the sampled keys.
 *
 * <p>{@link #sample} reads the keys of {@code k} records of a {@link Input.Format#FIXED_LENGTH}
 * input at evenly spaced positions: of the {@code n} records of all its files in order, record
 * {@code floor((2j + 1) n / 2k)} for {@code j = 0 .. k-1}, the middle of each of {@code k} equal
 * stretches (every record when {@code k >= n}). So the same input always gives the same sample, and
 * input that is already sorted or cut into runs is sampled across all of it. {@link #boundaries}
 * then takes the sample's quantiles.
 *
 * <p>The files are found as the coordinator finds them: a directory is read recursively, skipping
 * names that start with {@code .} or {@code _}; the files are taken in path order.
 */
public final class InputSampler {

    private InputSampler() {}

    /** The sampled keys, sorted as unsigned bytes; empty for an empty input. */
    public static List<byte[]> sample(Input input, int samples) throws IOException {
        if (input.format() != Input.Format.FIXED_LENGTH) {
            throw new IllegalArgumentException("the sampler reads fixed-length input, not " + input);
        }
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be >= 1, got " + samples);
        }
        int recordBytes = input.recordBytes();
        List<Path> files = files(input.paths());
        long[] records = new long[files.size()];
        long total = 0;
        for (int f = 0; f < files.size(); f++) {
            long size = Files.size(files.get(f));
            if (size % recordBytes != 0) {
                throw new IllegalArgumentException("input file " + files.get(f) + " has " + size
                        + " bytes, which is not a multiple of the record size " + recordBytes);
            }
            records[f] = size / recordBytes;
            total += records[f];
        }
        long k = Math.min(samples, total);
        List<byte[]> keys = new ArrayList<>((int) k);
        int file = 0;
        long fileStart = 0; // the global index of the first record of files[file]
        FileChannel channel = null;
        try {
            for (long j = 0; j < k; j++) {
                long position = spaced(j, k, total);
                while (position >= fileStart + records[file]) {
                    fileStart += records[file++];
                    if (channel != null) {
                        channel.close();
                        channel = null;
                    }
                }
                if (channel == null) {
                    channel = FileChannel.open(files.get(file), READ);
                }
                keys.add(readKey(channel, files.get(file), (position - fileStart) * recordBytes, input.keyBytes()));
            }
        } finally {
            if (channel != null) {
                channel.close();
            }
        }
        keys.sort(Arrays::compareUnsigned);
        return keys;
    }

    /**
     * {@code partitions - 1} boundaries from sorted keys: boundary {@code i} (from 1) is the key at
     * {@code floor(i * s / partitions)} of the {@code s} keys, so each partition gets about
     * {@code s / partitions} of the sample. Duplicate keys may give equal boundaries (empty partitions
     * between them), which is still a valid total order. With no keys, or empty ones, a boundary is
     * the one-byte key {@code 00}, the smallest key allowed as a boundary.
     */
    public static List<byte[]> boundaries(List<byte[]> sortedKeys, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
        List<byte[]> out = new ArrayList<>(partitions - 1);
        for (int i = 1; i < partitions; i++) {
            byte[] key = sortedKeys.isEmpty() ? new byte[0] : sortedKeys.get((int) ((long) i * sortedKeys.size() / partitions));
            out.add(key.length == 0 ? new byte[1] : key);
        }
        return out;
    }

    /** The middle of stretch {@code j} of {@code k} equal stretches of {@code n}, without overflow. */
    static long spaced(long j, long k, long n) {
        long q = n / (2 * k);
        long r = n % (2 * k);
        return q * (2 * j + 1) + r * (2 * j + 1) / (2 * k);
    }

    private static byte[] readKey(FileChannel channel, Path file, long offset, int keyBytes) throws IOException {
        ByteBuffer key = ByteBuffer.allocate(keyBytes);
        while (key.hasRemaining()) {
            if (channel.read(key, offset + key.position()) < 0) {
                throw new EOFException("input file " + file + " ended at " + (offset + key.position()) + " while sampling");
            }
        }
        return key.array();
    }

    private static List<Path> files(List<Path> inputs) throws IOException {
        TreeSet<Path> files = new TreeSet<>(Comparator.comparing(Path::toString));
        for (Path input : inputs) {
            Path root = input.toAbsolutePath().normalize();
            if (!Files.exists(root)) {
                throw new IllegalArgumentException("input path " + root + " does not exist");
            }
            if (!Files.isDirectory(root)) {
                files.add(root);
                continue;
            }
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return dir.equals(root) || !hidden(dir) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (!hidden(file) && Files.isRegularFile(file)) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        return List.copyOf(files);
    }

    private static boolean hidden(Path path) {
        String name = path.getFileName().toString();
        return name.startsWith(".") || name.startsWith("_");
    }
}
