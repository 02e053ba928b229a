package dev.quern.executor.membership;

import dev.quern.proto.ExecutorInfo;
import dev.quern.zk.ZkPaths;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;

/**
 * Announces the executor as an ephemeral sequential znode holding its {@link ExecutorInfo}. The znode
 * lives as long as the ZooKeeper session: the session is the heartbeat, and the znode's name is the
 * executor's id. The parent is a persistent node (not a container ZooKeeper could delete when empty),
 * so sequence numbers, and with them executor ids, are never reused.
 */
public final class ExecutorRegistration {

    private final CuratorFramework zk;
    private final ZkPaths paths;
    private String path;

    public ExecutorRegistration(CuratorFramework zk, ZkPaths paths) {
        this.zk = zk;
        this.paths = paths;
    }

    /** Creates the znode and returns the executor id it gave. */
    public String register(ExecutorInfo info) throws Exception {
        path = zk.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL_SEQUENTIAL)
                .forPath(paths.executorPrefix(), info.toByteArray());
        String id = ZkPaths.name(path);
        zk.setData().forPath(path, info.toBuilder().setExecutorId(id).build().toByteArray());
        return id;
    }

    /** The ZooKeeper session the znode belongs to (it lives exactly as long as that session). */
    public long ownerSession() throws Exception {
        var stat = zk.checkExists().forPath(path);
        return stat == null ? 0 : stat.getEphemeralOwner();
    }

    public void deregister() {
        if (path != null) {
            try {
                zk.delete().quietly().forPath(path);
            } catch (Exception e) {
                // The session's end removes the znode anyway.
            }
        }
    }
}
