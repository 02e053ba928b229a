package dev.quern.coordinator;

import java.time.Duration;

/**
 * A coordinator's settings.
 *
 * @param zkConnect ZooKeeper connect string
 * @param zkRoot the cluster's root znode, {@code /quern} by default
 * @param bindHost the address the client port listens on
 * @param advertiseHost the address published in {@code /leader}
 * @param clientPort 0 for an ephemeral port
 * @param sessionTimeout the ZooKeeper session timeout
 * @param connectTimeout how long {@code start()} waits for ZooKeeper before it fails
 */
public record CoordinatorConfig(String zkConnect, String zkRoot, String bindHost, String advertiseHost, int clientPort,
        Duration sessionTimeout, Duration connectTimeout) {

    public static CoordinatorConfig loopback(String zkConnect) {
        return new CoordinatorConfig(zkConnect, "/quern", "127.0.0.1", "127.0.0.1", 0, Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    public CoordinatorConfig withRoot(String root) {
        return new CoordinatorConfig(zkConnect, root, bindHost, advertiseHost, clientPort, sessionTimeout, connectTimeout);
    }

    public CoordinatorConfig withSessionTimeout(Duration timeout) {
        return new CoordinatorConfig(zkConnect, zkRoot, bindHost, advertiseHost, clientPort, timeout, connectTimeout);
    }
}
