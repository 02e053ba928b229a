/**
 * The reducer side of the shuffle: fetches one map output segment per connection into a local file.
 *
 * <p>The exchange (frames as in {@link dev.quern.wire}; the body is raw bytes outside any frame):
 * <pre>
 *  ShuffleFetcher                                            shuffle server
 *     |  connect (connect timeout, default 10 s)                  |
 *     |  +-----------+----------------------------------------+   |
 *     |--| len (u32) | ShuffleEnvelope{fetch_request}         |-->|
 *     |  +-----------+----------------------------------------+   |
 *     |  +-----------+----------------------------------------+   |
 *     |<-| len (u32) | ShuffleEnvelope{fetch_response:        |---|   header: frame mode
 *     |  |           |   length, records, crc32c}             |   |
 *     |  +-----------+----------------------------------------+   |
 *     |  +----------------------------------------------------+   |
 *     |<-| `length` raw bytes, in chunks of any size          |---|   body: raw mode
 *     |  +----------------------------------------------------+   |
 *     |  close                                                    |
 *     |                                                           |
 *     |  (or one ShuffleEnvelope{error} frame instead of both)    |
 * </pre>
 *
 * <p>Inside the client pipeline:
 * <pre>
 *  socket bytes
 *     -> IdleStateHandler        no byte for the read idle timeout (default 30 s): fail
 *     -> FetchResponseDecoder    frame mode: 4-byte length (at most 64 KiB) + ShuffleEnvelope
 *                                raw mode:   after a FetchResponse of length L, the next L bytes as
 *                                            ByteBuf chunks, as they arrive; then frame mode again
 *     -> FetchClientHandler      chunks -> SegmentFile (temp file, CRC32C on the way)
 *                                L bytes in: CRC matches ? rename temp to target : fail
 * </pre>
 *
 * <p>Failures are {@link dev.quern.executor.shuffle.fetch.FetchException}s naming server, job,
 * attempt and partition. Retriable: connect failure or timeout, idle timeout, a connection closed
 * before {@code length} bytes, a malformed response, a CRC32C mismatch, and server errors the server
 * marks retriable ({@code NOT_FOUND}). Not retriable: other server errors, protocol violations, and
 * a local file that cannot be written.
 */
package dev.quern.executor.shuffle.fetch;
