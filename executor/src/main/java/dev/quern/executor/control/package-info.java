/**
 * The executor's end of the control channel. The leading coordinator dials the control port that the
 * executor published in its znode, says {@code Hello} with its leader epoch, and then sends
 * {@code LaunchTask} / {@code KillTask}; the executor answers {@code HelloAck} and reports every
 * attempt's end as a {@code TaskUpdate} on the same connection. Messages from an epoch older than
 * the newest one seen are refused with {@code STALE_EPOCH}: a deposed leader cannot launch work.
 *
 * <pre>
 *  coordinator                               executor
 *      | -- Hello{epoch=7} ------------------->  |
 *      | <------------- HelloAck{info, running}  |
 *      | -- LaunchTask{m-00003.1} ------------>  |
 *      | <---- TaskUpdate{RUNNING, progress} --  |   (at most 1/s, when progress moved)
 *      | <---- TaskUpdate{SUCCEEDED, result} --  |
 *      | -- LaunchTask{r-00000.1} ------------>  |
 *      | <-- FetchFailed{map 3, m-00003.1} ----  |   (a reduce cannot fetch; it keeps running)
 *      | -- MapOutputsAvailable{obsolete} ---->  |   (the map is rerun; later its new location)
 * </pre>
 */
package dev.quern.executor.control;
