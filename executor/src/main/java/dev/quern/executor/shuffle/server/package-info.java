/**
 * The shuffle server: every executor runs one, and reducers fetch map output segments from it.
 *
 * <p>One connection carries any number of fetches, answered strictly in request order (requests may
 * be pipelined). Frames are the common length-prefixed {@code ShuffleEnvelope}s (see
 * {@link dev.quern.wire}), at most 64 KiB each; the segment bytes travel after the response frame,
 * outside any frame, sent zero-copy from the data file with a {@code DefaultFileRegion}.
 *
 * <pre>
 *  reducer                                                  shuffle server
 *     |                                                           |
 *     |  +-----------+----------------------------------------+   |
 *     |--| len (u32) | ShuffleEnvelope{fetch_request:         |-->|  registry.find(job, attempt)
 *     |  |           |   job_id, map_attempt_id, partition}   |   |  index.entry(partition)
 *     |  +-----------+----------------------------------------+   |
 *     |                                                           |
 *     |  +-----------+----------------------------------------+   |
 *     |<-| len (u32) | ShuffleEnvelope{fetch_response:        |---|
 *     |  |           |   length, records, crc32c}             |   |
 *     |  +-----------+----------------------------------------+   |
 *     |  +----------------------------------------------------+   |
 *     |<-| exactly `length` raw segment bytes (none if 0)     |---|  data[offset, offset + length)
 *     |  +----------------------------------------------------+   |
 *     |                                                           |
 *     |             ... or, instead of both of the above:         |
 *     |  +-----------+----------------------------------------+   |
 *     |<-| len (u32) | ShuffleEnvelope{error: code, message,  |---|
 *     |  |           |   retriable}                           |   |
 *     |  +-----------+----------------------------------------+   |
 * </pre>
 *
 * <p>Errors, all answered before any segment byte so the stream stays in step:
 * <ul>
 *   <li>{@code NOT_FOUND} (retriable): no registered output for the job and attempt; the connection
 *       stays open.
 *   <li>{@code INVALID_ARGUMENT}: the partition is out of range; the connection stays open.
 *   <li>{@code IO_ERROR}: the data file is missing or shorter than its index says.
 *   <li>{@code MALFORMED_FRAME}: a frame over 64 KiB or not a {@code ShuffleEnvelope}; the server
 *       answers, then closes that connection.
 *   <li>{@code INVALID_ARGUMENT} for a frame that is not a {@code FetchRequest} or {@code LogRequest}; then closes.
 * </ul>
 * A failure after the response frame (the file cannot be read mid-transfer) closes the connection:
 * the reducer sees a short body.
 *
 * <p>The same port serves task attempt logs to {@code mr logs} ({@link dev.quern.executor.logs}),
 * within frames only: a chunk is at most 32 KiB, so a response never nears the 64 KiB limit.
 *
 * <pre>
 *  mr logs                                                  shuffle server
 *     |--| len | ShuffleEnvelope{log_request: job_id}            |-->|  list WORK/logs/JOB
 *     |<-| len | ShuffleEnvelope{log_response: logs[attempt_id, size]} |
 *     |--| len | ShuffleEnvelope{log_request: job_id, attempt_id, |-->|  read [offset, offset + n),
 *     |    |     |   offset, max_bytes}                            |   |  n <= min(max_bytes, 32 KiB)
 *     |<-| len | ShuffleEnvelope{log_response: data (n bytes)}    |---|  empty data: the end
 *     |             ... or {error: INVALID_ARGUMENT (a bad id), NOT_FOUND (no such log)}; stays open
 * </pre>
 */
package dev.quern.executor.shuffle.server;
