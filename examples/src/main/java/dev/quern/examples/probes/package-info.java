/**
 * Probe jobs: each tests one property of the engine (a mapper that always fails, one whose first
 * attempts fail, one that counts lines). Tests and the CLI run them by class name.
 */
package dev.quern.examples.probes;
