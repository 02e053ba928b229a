/**
 * Job jars: a job's own classes, shipped by the client and loaded by the cluster in a class loader
 * of their own per jar.
 *
 * <p>A jar is named by the lower-case hex SHA-256 of its bytes and stored once, in ZooKeeper, where
 * every coordinator (a new leader too) and every executor can read it:
 *
 * <pre>
 * /quern/jars/SHA256/chunk-0000   bytes [0, 512 KiB)
 *                   /chunk-0001   bytes [512 KiB, 1 MiB)
 *                   ...           the last chunk may be shorter; concatenated they are the jar
 *                   /ready        JarInfo{size, chunks, name}: created last, so a jar without it is
 *                                 incomplete (an upload that died) and is uploaded again over it
 * </pre>
 *
 * <p>Jars are at most {@link dev.quern.jar.JarStore#MAX_JAR_BYTES}: ZooKeeper keeps every byte in
 * memory on every server. A reader checks the size and the hash of what it read against the name.
 *
 * <p>The client ({@link dev.quern.jar.JobJar}) loads a Tool from the jar to plan the jobs, uploads
 * the jar unless {@code ready} exists, and names it in each {@code JobSpec} ({@code jar_sha256}).
 * The coordinator (checks at submit) and each executor (attempts) take a loader from
 * {@link dev.quern.jar.JarLoaders}: one {@code URLClassLoader} per jar, over a copy of the jar in a
 * local cache directory checked against the hash, with the daemon's loader as parent so the Quern
 * API is shared. Loaders no attempt uses are kept for a while, then closed.
 */
package dev.quern.jar;
