package dev.quern.executor.shuffle.fetch;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * A segment fetched whole and checked: {@code file} holds exactly {@code length} bytes whose CRC32C
 * matched the server's index, and {@code records} records as the map side counted them.
 */
public record FetchedSegment(Path file, long length, long records) {

    public FetchedSegment {
        requireNonNull(file, "file is null");
        if (length < 0 || records < 0) {
            throw new IllegalArgumentException("segment " + file + " has length " + length + " and "
                    + records + " records; neither may be negative");
        }
    }
}
