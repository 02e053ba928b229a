package dev.quern.api;

/** How a job writes its output records into {@code OUT/part-r-NNNNN} (or {@code part-m-NNNNN} for a map-only job). */
public enum OutputFormat {
    /** {@code key<TAB>value\n} per record, each side as its {@link Codec#toText} (UTF-8). */
    TEXT,
    /**
     * The key's bytes then the value's bytes as their codecs serialize them, nothing between records:
     * {@code byte[]} keys and values give back fixed-length records (TeraSort's output).
     */
    RAW
}
