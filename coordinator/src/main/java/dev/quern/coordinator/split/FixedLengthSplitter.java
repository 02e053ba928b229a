package dev.quern.coordinator.split;

import static java.util.Objects.requireNonNull;

import dev.quern.proto.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a file of fixed-length records into splits that start and end on record boundaries. Only
 * the file's size is read: a record boundary is any multiple of the record size.
 *
 * <p>The split size is rounded down to a whole number of records (at least one record), and the
 * file is cut at every multiple of that; the last split runs to the end of the file. A file whose
 * length is not a whole number of records is refused: its last record would be cut short, and a
 * sort would silently lose or invent bytes.
 */
public final class FixedLengthSplitter {

    private FixedLengthSplitter() {}

    /**
     * @return the splits in file order, covering the file exactly; none for an empty file
     * @throws InputRefusedException if the file's length is not a multiple of {@code recordBytes}
     * @throws IOException if the file's size cannot be read; the message names it
     */
    public static List<Split> split(Path file, int inputIndex, long splitSize, int recordBytes)
            throws IOException, InputRefusedException {
        requireNonNull(file, "file is null");
        if (recordBytes < 1 || splitSize < 1 || inputIndex < 0) {
            throw new IllegalArgumentException("record size and split size must be positive and the input index not negative, got "
                    + recordBytes + ", " + splitSize + ", " + inputIndex);
        }
        Path absolute = file.toAbsolutePath().normalize();
        long size;
        try {
            size = Files.size(absolute);
        } catch (IOException e) {
            throw new IOException("cannot split input file " + absolute + ": " + e, e);
        }
        if (size % recordBytes != 0) {
            throw new InputRefusedException("input file " + absolute + " has " + size + " bytes, which is not a multiple of the record size "
                    + recordBytes + " (" + size / recordBytes + " whole records and " + size % recordBytes + " bytes more)");
        }
        long chunk = Math.max(1, splitSize / recordBytes) * recordBytes;
        List<Split> splits = new ArrayList<>();
        for (long start = 0; start < size; start += chunk) {
            splits.add(Split.newBuilder()
                    .setPath(absolute.toString())
                    .setStart(start)
                    .setLength(Math.min(chunk, size - start))
                    .setInputIndex(inputIndex)
                    .build());
        }
        return List.copyOf(splits);
    }
}
