package dev.quern.client;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.quern.proto.LeaderInfo;
import dev.quern.zk.ZkPaths;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

/** Reads the leader's address from ZooKeeper, waiting on a watch (not a sleep) until one exists. */
public final class LeaderWatch {

    private LeaderWatch() {}

    public static LeaderInfo await(CuratorFramework zk, ZkPaths paths, Duration timeout)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            CountDownLatch changed = new CountDownLatch(1);
            try {
                byte[] data = zk.getData().usingWatcher((org.apache.zookeeper.Watcher) e -> changed.countDown())
                        .forPath(paths.leader());
                return LeaderInfo.parseFrom(data);
            } catch (KeeperException.NoNodeException e) {
                // no leader yet: wait for the node to appear
                try {
                    if (zk.checkExists().usingWatcher((org.apache.zookeeper.Watcher) ev -> changed.countDown())
                            .forPath(paths.leader()) != null) {
                        continue;
                    }
                } catch (Exception inner) {
                    throw new IllegalStateException("cannot read " + paths.leader() + " from ZooKeeper: " + inner, inner);
                }
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("leader znode " + paths.leader() + " holds malformed data", e);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("cannot read " + paths.leader() + " from ZooKeeper: " + e, e);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || !changed.await(left, TimeUnit.NANOSECONDS)) {
                throw new TimeoutException("no Quern coordinator is leader (no " + paths.leader()
                        + " in ZooKeeper) after " + timeout.toMillis() + " ms");
            }
        }
    }
}
