package dev.quern.zk;

/**
 * The one owner of Quern's ZooKeeper layout. Every path lives under a root ({@code /quern} unless a
 * cluster is given another, so that several clusters or tests can share one ensemble):
 *
 * <pre>
 * /quern
 *   /election                 LeaderLatch participants (ephemeral sequential, Curator's)
 *   /leader                   ephemeral: LeaderInfo of the current leader (client port, epoch)
 *   /epoch                    persistent: the last leader epoch; bumped by each new leader
 *   /executors/e-NNNNNNNNNN   ephemeral sequential: ExecutorInfo; the session is the heartbeat
 *   /jobs/job-NNNNNNNNNN      persistent sequential: JobRecord (spec, submit time, map count); the id's source
 *     /maps/m-NNNNN           persistent: MapCommit, the winning attempt's output location
 *     /reduces/r-NNNNN        persistent: ReduceCommit, the committed part file
 *     /end                    persistent: JobEnd; a job with it is over
 *   /jars/SHA256              a job jar, named by the lower-case hex SHA-256 of its bytes
 *     /chunk-NNNN             persistent: the jar's bytes, 512 KiB per chunk, in order
 *     /ready                  persistent: JarInfo (size, chunks); written last, so a jar without it is incomplete
 * </pre>
 */
public final class ZkPaths {

    public static final String DEFAULT_ROOT = "/quern";

    private final String root;

    public ZkPaths(String root) {
        if (!root.startsWith("/") || root.endsWith("/") || root.length() < 2) {
            throw new IllegalArgumentException("ZooKeeper root must be an absolute path like /quern, got '" + root + "'");
        }
        this.root = root;
    }

    public static ZkPaths defaults() {
        return new ZkPaths(DEFAULT_ROOT);
    }

    public String root() { return root; }
    public String election() { return root + "/election"; }
    public String leader() { return root + "/leader"; }
    public String epoch() { return root + "/epoch"; }
    public String executors() { return root + "/executors"; }
    /** Prefix for {@code create().withMode(EPHEMERAL_SEQUENTIAL)}. */
    public String executorPrefix() { return executors() + "/e-"; }
    public String jobs() { return root + "/jobs"; }
    /** Prefix for {@code create().withMode(PERSISTENT_SEQUENTIAL)}: the znode name is the job id. */
    public String jobPrefix() { return jobs() + "/job-"; }
    public String job(String jobId) { return jobs() + "/" + jobId; }
    public String jobMaps(String jobId) { return job(jobId) + "/maps"; }
    public String jobMap(String jobId, String taskId) { return jobMaps(jobId) + "/" + taskId; }
    public String jobReduces(String jobId) { return job(jobId) + "/reduces"; }
    public String jobReduce(String jobId, String taskId) { return jobReduces(jobId) + "/" + taskId; }
    public String jobFailures(String jobId) { return job(jobId) + "/failures"; }
    /** Sequential: ZooKeeper appends a 10-digit counter, so the failures list in the order they were recorded. */
    public String jobFailurePrefix(String jobId) { return jobFailures(jobId) + "/f-"; }
    public String jobEnd(String jobId) { return job(jobId) + "/end"; }
    public String jars() { return root + "/jars"; }
    public String jar(String sha256) { return jars() + "/" + sha256; }
    public String jarChunk(String sha256, int index) { return jar(sha256) + String.format("/chunk-%04d", index); }
    public String jarReady(String sha256) { return jar(sha256) + "/ready"; }

    /** The last element of a path: an executor id or job id. */
    public static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
