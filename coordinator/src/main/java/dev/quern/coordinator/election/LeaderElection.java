package dev.quern.coordinator.election;

import dev.quern.proto.LeaderInfo;
import dev.quern.zk.ZkPaths;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Becomes leader through Curator's {@link LeaderLatch}; on election it takes the next epoch (a
 * compare-and-set on {@code /epoch}, so epochs only grow) and publishes its address in the ephemeral
 * {@code /leader} znode, where clients find it (executors need not: the leader dials them).
 */
public final class LeaderElection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LeaderElection.class);

    /**
     * A leader's term: its epoch, and the version of the {@code /epoch} node its compare-and-set
     * left, which fences its writes (a newer leader moves the version on).
     */
    public record Term(long epoch, int epochVersion) {}

    /** Told when leadership is gained (with the new term) and lost. */
    public interface Listener {
        void elected(Term term);

        void deposed();
    }

    private final CuratorFramework zk;
    private final ZkPaths paths;
    private final LeaderInfo info;
    private final Listener listener;
    private LeaderLatch latch;
    private volatile boolean closing;

    public LeaderElection(CuratorFramework zk, ZkPaths paths, LeaderInfo info, Listener listener) {
        this.zk = zk;
        this.paths = paths;
        this.info = info;
        this.listener = listener;
        this.latch = new LeaderLatch(zk, paths.election(), info.getCoordinatorId());
    }

    /**
     * Hands office back: leaves the election and stands again (a leader that cannot take office
     * must not keep the latch, or no one leads). A later win takes a new epoch.
     */
    public synchronized void restart() {
        try {
            latch.close(LeaderLatch.CloseMode.NOTIFY_LEADER);
            latch = new LeaderLatch(zk, paths.election(), info.getCoordinatorId());
            start();
        } catch (Exception e) {
            log.error("coordinator {} cannot stand for election again: {}", info.getCoordinatorId(), e.toString());
        }
    }

    public synchronized void start() throws Exception {
        latch.addListener(new LeaderLatchListener() {
            @Override
            public void isLeader() {
                try {
                    Term term = nextTerm();
                    log.info("coordinator {} is leader, epoch {}", info.getCoordinatorId(), term.epoch());
                    // Told before clients can find it: a client's request then queues behind taking office.
                    listener.elected(term);
                    publish(term.epoch());
                } catch (Exception e) {
                    log.error("coordinator {} won the election but could not take office: {}", info.getCoordinatorId(), e.toString());
                    listener.deposed();
                }
            }

            @Override
            public void notLeader() {
                if (closing) {
                    log.info("coordinator {} stepped down", info.getCoordinatorId());
                } else {
                    log.warn("coordinator {} is no longer leader", info.getCoordinatorId());
                }
                listener.deposed();
            }
        });
        latch.start();
    }

    private Term nextTerm() throws Exception {
        while (true) {
            Stat stat = new Stat();
            try {
                byte[] data = zk.getData().storingStatIn(stat).forPath(paths.epoch());
                long next = ByteBuffer.wrap(data).getLong() + 1;
                Stat after = zk.setData().withVersion(stat.getVersion()).forPath(paths.epoch(), bytes(next));
                return new Term(next, after.getVersion());
            } catch (KeeperException.NoNodeException e) {
                try {
                    zk.create().creatingParentContainersIfNeeded().forPath(paths.epoch(), bytes(1));
                    return new Term(1, 0);
                } catch (KeeperException.NodeExistsException raced) {
                    // another coordinator created it first: read it again
                }
            } catch (KeeperException.BadVersionException raced) {
                // someone else moved the epoch: read it again
            }
        }
    }

    private void publish(long epoch) throws Exception {
        byte[] data = info.toBuilder().setEpoch(epoch).build().toByteArray();
        try {
            zk.delete().forPath(paths.leader()); // a deposed leader's node lingers until its session ends
        } catch (KeeperException.NoNodeException e) {
            // the usual case
        }
        zk.create().creatingParentContainersIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(paths.leader(), data);
    }

    private static byte[] bytes(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    public synchronized boolean isLeader() {
        return latch.hasLeadership();
    }

    @Override
    public synchronized void close() throws IOException {
        closing = true;
        latch.close(LeaderLatch.CloseMode.NOTIFY_LEADER);
    }
}
