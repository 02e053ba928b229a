package dev.quern.executor.membership;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.executor.shuffle.RawPeer;
import dev.quern.proto.ExecutorInfo;
import dev.quern.zk.ZkPaths;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryForever;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

/**
 * On a real ZooKeeper: a session that expires while the process lives ends the membership (the
 * old znode is gone, the clean-up runs once) and the executor joins again under a new id.
 */
class MembershipTest {

    private final ZkPaths paths = new ZkPaths("/membership-test");

    @Test
    void anExpiredSessionStopsTheOldMembershipAndRegistersANewOne() throws Exception {
        try (TestingServer server = new TestingServer(true);
                CuratorFramework zk = CuratorFrameworkFactory.builder().connectString(server.getConnectString())
                        .sessionTimeoutMs(3000).retryPolicy(new RetryForever(100)).build()) {
            zk.start();
            AtomicInteger expired = new AtomicInteger();
            List<String> ids = new CopyOnWriteArrayList<>();
            ExecutorInfo info = ExecutorInfo.newBuilder().setHost("127.0.0.1").setControlPort(1).setShufflePort(2).setSlots(1).build();
            try (Membership membership = new Membership(zk, paths, () -> info, expired::incrementAndGet, ids::add)) {
                String first = membership.start();
                assertThat(zk.getChildren().forPath(paths.executors())).containsExactly(first);

                zk.getZookeeperClient().getZooKeeper().getTestable().injectSessionExpiration();

                RawPeer.awaitCondition("a new registration", () -> ids.size() == 1);
                assertThat(expired).hasValue(1);
                String second = ids.get(0);
                assertThat(second).isNotEqualTo(first);
                RawPeer.awaitCondition("only the new znode", () -> zk.getChildren().forPath(paths.executors()).equals(List.of(second)));
            }
            assertThat(zk.getChildren().forPath(paths.executors())).as("close deregisters").isEmpty();
        }
    }
}
