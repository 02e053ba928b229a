/**
 * Logback appenders of the daemons ({@code logback-daemon.xml}). Once an executor routes
 * {@code System.out} by thread (task attempts print into their own logs), the daemon's log must not
 * follow: {@link dev.quern.cli.logging.ProcessStdoutAppender} writes to the process's real stdout, and
 * {@link dev.quern.cli.logging.AttemptLogAppender} copies the lines logged on an attempt's thread into
 * that attempt's log as well.
 */
package dev.quern.cli.logging;
