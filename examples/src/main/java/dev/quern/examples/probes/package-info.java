/**
 * Probe jobs: each tests one property of the engine (a mapper that always fails, one whose first
 * attempts fail, one that counts lines, a chain whose second step fails). Tests and the CLI run the
 * {@link dev.quern.api.Tool}s among them by class name.
 */
package dev.quern.examples.probes;
