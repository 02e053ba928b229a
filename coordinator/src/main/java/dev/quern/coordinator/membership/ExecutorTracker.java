package dev.quern.coordinator.membership;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.quern.proto.ExecutorInfo;
import dev.quern.zk.ZkPaths;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the executors' ephemeral znodes. A znode that appears is an executor joining; one that
 * disappears is an executor whose session ended (process killed, machine gone, session expired).
 */
public final class ExecutorTracker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExecutorTracker.class);

    /** Told of every executor that joins or leaves; called on a Curator thread. */
    public interface Listener {
        void joined(ExecutorInfo executor);

        void left(String executorId);

        /** Every executor present when the tracker started has been reported as joined. */
        default void initialized() { }
    }

    private final ZkPaths paths;
    private final CuratorCache cache;
    private final Listener listener;

    public ExecutorTracker(CuratorFramework zk, ZkPaths paths, Listener listener) {
        this.paths = paths;
        this.cache = CuratorCache.build(zk, paths.executors());
        this.listener = listener;
    }

    public void start() {
        cache.listenable().addListener(CuratorCacheListener.builder()
                .forCreatesAndChanges((before, node) -> changed(node))
                .forDeletes(this::deleted)
                .forInitialized(listener::initialized)
                .build());
        cache.start();
    }

    private boolean isExecutor(ChildData node) {
        return node.getPath().startsWith(paths.executors() + "/");
    }

    private void changed(ChildData node) {
        if (!isExecutor(node)) {
            return;
        }
        try {
            ExecutorInfo info = ExecutorInfo.parseFrom(node.getData());
            listener.joined(info.toBuilder().setExecutorId(ZkPaths.name(node.getPath())).build());
        } catch (InvalidProtocolBufferException e) {
            log.warn("ignoring executor znode {} with malformed data", node.getPath());
        }
    }

    private void deleted(ChildData node) {
        if (isExecutor(node)) {
            listener.left(ZkPaths.name(node.getPath()));
        }
    }

    @Override
    public void close() {
        cache.close();
    }
}
