/**
 * The reducer side of the shuffle: fetches one map output segment per connection into a local file
 * or a byte array.
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
 *     -> FetchClientHandler      chunks -> SegmentSink, CRC32C on the way:
 *                                  SegmentFile  a temp file beside the target
 *                                  MemorySink   a byte array of exactly L bytes (else fail)
 *                                L bytes in: CRC matches ? commit (rename temp to target) : fail
 * </pre>
 *
 * <p>A {@link dev.quern.executor.shuffle.fetch.Transfer} is one fetch under way: its result, and
 * {@code released}, which completes once the connection is gone and no temporary file is left
 * (after the result; for a cancelled fetch, later than the cancel).
 *
 * <p>Failures are {@link dev.quern.executor.shuffle.fetch.FetchException}s naming server, job,
 * attempt and partition. Retriable: connect failure or timeout, idle timeout, a connection closed
 * before {@code length} bytes, a malformed response, a CRC32C mismatch, and server errors the server
 * marks retriable ({@code NOT_FOUND}). Not retriable: other server errors, protocol violations, and
 * a local file that cannot be written.
 */
package dev.quern.executor.shuffle.fetch;
