package dev.quern.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One input of a job: what its map tasks read, in which format, and (optionally) with which mapper.
 * Made with the static factories; {@link #with(Class)} binds a mapper of its own (a join reads each
 * input with a different one). Immutable.
 *
 * <pre>{@code
 * Input.text(Path.of("books"))                          // (Long offset, String line)
 * Input.keyValueText(Path.of("counts"))                 // (String key, String value): a previous job's output
 * Input.fixedLength(100, 10, Path.of("records"))        // (byte[] 10-byte key, byte[] 90-byte value)
 * Input.range(1_000_000, 8)                             // (Long i, Long count), i = 0 .. count-1, in 8 maps
 * }</pre>
 */
public final class Input {

    /** How the bytes of the input become the mapper's (key, value) pairs. */
    public enum Format {
        /** Lines: key = byte offset of the line ({@code Long}), value = the line, UTF-8, without {@code \n} or {@code \r\n}. */
        TEXT,
        /** {@code key<TAB>value} lines, as {@link OutputFormat#TEXT} writes them: two {@code String}s, split at the first tab (no tab: value {@code ""}). */
        KEY_VALUE_TEXT,
        /** Records of {@code recordBytes} bytes, no separators: key = the first {@code keyBytes} bytes, value = the rest (both {@code byte[]}). */
        FIXED_LENGTH,
        /** No files: the numbers {@code 0 .. count-1} cut into {@code splits} map tasks; key = the number, value = {@code count} (both {@code Long}). */
        RANGE
    }

    private final Format format;
    private final List<Path> paths;
    private final String mapperClass;
    private final int recordBytes;
    private final int keyBytes;
    private final long count;
    private final int splits;

    private Input(Format format, List<Path> paths, String mapperClass, int recordBytes, int keyBytes, long count, int splits) {
        this.format = format;
        this.paths = List.copyOf(paths);
        this.mapperClass = mapperClass;
        this.recordBytes = recordBytes;
        this.keyBytes = keyBytes;
        this.count = count;
        this.splits = splits;
    }

    public static Input text(Path... paths) {
        return new Input(Format.TEXT, List.of(paths), null, 0, 0, 0, 0);
    }

    public static Input keyValueText(Path... paths) {
        return new Input(Format.KEY_VALUE_TEXT, List.of(paths), null, 0, 0, 0, 0);
    }

    /** Records of {@code recordBytes} bytes whose first {@code keyBytes} bytes are the key. */
    public static Input fixedLength(int recordBytes, int keyBytes, Path... paths) {
        if (recordBytes < 1 || keyBytes < 0 || keyBytes > recordBytes) {
            throw new IllegalArgumentException("fixed-length input needs 0 <= keyBytes <= recordBytes and recordBytes >= 1, got recordBytes="
                    + recordBytes + " keyBytes=" + keyBytes);
        }
        return new Input(Format.FIXED_LENGTH, List.of(paths), null, recordBytes, keyBytes, 0, 0);
    }

    /** The numbers {@code 0 .. count-1} in {@code splits} map tasks of (nearly) equal size. */
    public static Input range(long count, int splits) {
        if (count < 0 || splits < 1) {
            throw new IllegalArgumentException("range input needs count >= 0 and splits >= 1, got count=" + count + " splits=" + splits);
        }
        return new Input(Format.RANGE, List.of(), null, 0, 0, count, splits);
    }

    /** This input read by a mapper of its own instead of the job's. */
    public Input with(Class<? extends Mapper<?, ?, ?, ?>> mapper) {
        return new Input(format, paths, mapper.getName(), recordBytes, keyBytes, count, splits);
    }

    Input withMapperName(String mapper) {
        return new Input(format, paths, mapper, recordBytes, keyBytes, count, splits);
    }

    public Format format() { return format; }
    /** The files or directories (every regular file inside, recursively); empty for {@link Format#RANGE}. */
    public List<Path> paths() { return paths; }
    /** The mapper's class name; null until bound to one (the job's mapper is bound at build). */
    public String mapperClass() { return mapperClass; }
    public int recordBytes() { return recordBytes; }
    public int keyBytes() { return keyBytes; }
    public long count() { return count; }
    public int splits() { return splits; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Input i && format == i.format && paths.equals(i.paths) && Objects.equals(mapperClass, i.mapperClass)
                && recordBytes == i.recordBytes && keyBytes == i.keyBytes && count == i.count && splits == i.splits;
    }

    @Override
    public int hashCode() {
        return Objects.hash(format, paths, mapperClass, recordBytes, keyBytes, count, splits);
    }

    @Override
    public String toString() {
        return switch (format) {
            case TEXT, KEY_VALUE_TEXT -> format + paths.toString();
            case FIXED_LENGTH -> format + "(" + recordBytes + "," + keyBytes + ")" + paths;
            case RANGE -> format + "(" + count + "," + splits + ")";
        } + (mapperClass == null ? "" : " with " + mapperClass);
    }
}
