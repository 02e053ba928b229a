package dev.quern.wire;

/** Frame limits per channel. */
public final class Frames {

    /** Length prefix size in bytes. */
    public static final int LENGTH_BYTES = 4;

    /** Client and control frames carry job specs and counters: small, but specs list input paths. */
    public static final int MAX_CONTROL_FRAME = 16 * 1024 * 1024;

    /** Shuffle request and response headers are tiny; the segment bytes travel outside frames. */
    public static final int MAX_SHUFFLE_FRAME = 64 * 1024;

    private Frames() {}
}
