package dev.quern.executor;

import java.nio.file.Path;
import java.time.Duration;

/**
 * An executor's settings.
 *
 * @param zkConnect ZooKeeper connect string, {@code host:port[,host:port...]}
 * @param zkRoot the cluster's root znode, {@code /quern} by default
 * @param bindHost the address the control and shuffle servers listen on
 * @param advertiseHost the address published in ZooKeeper for others to dial
 * @param controlPort 0 for an ephemeral port
 * @param shufflePort 0 for an ephemeral port
 * @param slots how many attempts run at once
 * @param workDir map outputs, spills and fetched segments live here
 * @param sessionTimeout the ZooKeeper session timeout: how long until a dead executor is noticed
 * @param connectTimeout how long {@code start()} waits for ZooKeeper before it fails
 */
public record ExecutorConfig(String zkConnect, String zkRoot, String bindHost, String advertiseHost,
        int controlPort, int shufflePort, int slots, Path workDir, Duration sessionTimeout, Duration connectTimeout) {

    public ExecutorConfig {
        if (slots < 1) {
            throw new IllegalArgumentException("executor slots must be >= 1, got " + slots);
        }
    }

    public static ExecutorConfig loopback(String zkConnect, Path workDir) {
        return new ExecutorConfig(zkConnect, "/quern", "127.0.0.1", "127.0.0.1", 0, 0, 1, workDir, Duration.ofSeconds(10),
                Duration.ofSeconds(30));
    }

    public ExecutorConfig withRoot(String root) {
        return new ExecutorConfig(zkConnect, root, bindHost, advertiseHost, controlPort, shufflePort, slots, workDir, sessionTimeout, connectTimeout);
    }

    public ExecutorConfig withSlots(int n) {
        return new ExecutorConfig(zkConnect, zkRoot, bindHost, advertiseHost, controlPort, shufflePort, n, workDir, sessionTimeout, connectTimeout);
    }

    public ExecutorConfig withSessionTimeout(Duration timeout) {
        return new ExecutorConfig(zkConnect, zkRoot, bindHost, advertiseHost, controlPort, shufflePort, slots, workDir, timeout, connectTimeout);
    }
}
