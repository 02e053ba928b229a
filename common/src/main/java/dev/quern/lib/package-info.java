/**
 * Reusable job parts built on the user API only (this package imports {@code java.*} and
 * {@code dev.quern.api}, nothing of the engine): a {@link dev.quern.lib.TotalOrderPartitioner} and the
 * {@link dev.quern.lib.InputSampler} that picks its boundaries, for a total-order sort such as
 * TeraSort.
 */
package dev.quern.lib;
