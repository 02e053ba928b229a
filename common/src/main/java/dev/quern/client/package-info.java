/**
 * The client side of the client-to-coordinator channel: finds the leader through ZooKeeper, submits
 * jobs and follows their status. Used by the CLI and by the embedded cluster.
 */
package dev.quern.client;
