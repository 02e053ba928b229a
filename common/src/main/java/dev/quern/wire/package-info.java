/**
 * Framing of every Quern channel: a 4-byte big-endian length, then that many bytes of one protobuf
 * envelope ({@code ClientEnvelope}, {@code ControlEnvelope} or {@code ShuffleEnvelope}).
 *
 * <pre>
 *  0               4                              4 + length
 *  +---------------+------------------------------+
 *  | length (u32)  | protobuf envelope bytes      |
 *  +---------------+------------------------------+
 * </pre>
 *
 * <p>Frames are bounded: a length above the channel's maximum (see {@link dev.quern.wire.Frames}) or
 * bytes that do not parse as the envelope are a {@code MALFORMED_FRAME}: the receiver answers with an
 * {@code Error} when it can and closes that one connection; the daemon goes on.
 *
 * <p>The shuffle channel's {@code FetchResponse} frame is followed by exactly
 * {@code FetchResponse.length} raw bytes of the map output segment (sent zero-copy from the file),
 * outside of any frame.
 */
package dev.quern.wire;
