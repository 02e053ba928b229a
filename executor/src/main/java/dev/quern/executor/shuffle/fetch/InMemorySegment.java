package dev.quern.executor.shuffle.fetch;

import static java.util.Objects.requireNonNull;

/**
 * A segment fetched whole into memory and checked: {@code bytes} is exactly the segment (records in
 * the map output format), its CRC32C matched the server's index, and it holds {@code records}
 * records as the map side counted them.
 */
public record InMemorySegment(byte[] bytes, long records) {

    public InMemorySegment {
        requireNonNull(bytes, "bytes is null");
        if (records < 0) {
            throw new IllegalArgumentException("an in-memory segment of " + bytes.length + " bytes has "
                    + records + " records; it may not be negative");
        }
    }

    public long length() {
        return bytes.length;
    }
}
