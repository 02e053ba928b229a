/**
 * The coordinator's end of the control channel: it dials each executor's control port, says
 * {@code Hello} with its leader epoch, and sends {@code LaunchTask} / {@code KillTask}; the
 * executor's {@code HelloAck} makes it schedulable and its {@code TaskUpdate}s report attempts. See
 * the executor's {@code dev.quern.executor.control} for the exchange drawn out.
 */
package dev.quern.coordinator.control;
