package dev.quern.coordinator.journal;

import dev.quern.proto.AttemptFailure;
import dev.quern.proto.JobEnd;
import dev.quern.proto.JobRecord;
import dev.quern.proto.MapCommit;
import dev.quern.proto.ReduceCommit;
import dev.quern.zk.ZkPaths;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link JobJournal} in ZooKeeper (layout in {@link ZkPaths}). Every write is one transaction
 * that first checks that {@code /epoch} still has the version this leader's election gave it: once a
 * newer leader has bumped the epoch, a deposed leader's late writes all fail ({@link FencedException})
 * and change nothing.
 */
public final class ZkJobJournal implements JobJournal {

    private static final Logger log = LoggerFactory.getLogger(ZkJobJournal.class);

    /** The epoch node's version at this leader's election. */
    public record Fence(int epochVersion) {}

    private final CuratorFramework zk;
    private final ZkPaths paths;
    private final Fence fence;

    public ZkJobJournal(CuratorFramework zk, ZkPaths paths, Fence fence) throws Exception {
        this.zk = zk;
        this.paths = paths;
        this.fence = fence;
        try {
            zk.create().creatingParentContainersIfNeeded().forPath(paths.jobs()); // persistent: never reaped when empty
        } catch (KeeperException.NodeExistsException e) {
            // there already
        }
    }

    @Override
    public String recordJob(JobRecord record) throws Exception {
        List<CuratorTransactionResult> done = write("record job '" + record.getSpec().getName() + "'",
                zk.transactionOp().create().withMode(CreateMode.PERSISTENT_SEQUENTIAL).forPath(paths.jobPrefix(), record.toByteArray()));
        String jobId = ZkPaths.name(done.get(1).getResultPath());
        write("create the task records of " + jobId,
                zk.transactionOp().create().forPath(paths.jobMaps(jobId)),
                zk.transactionOp().create().forPath(paths.jobReduces(jobId)),
                zk.transactionOp().create().forPath(paths.jobFailures(jobId)));
        return jobId;
    }

    @Override
    public void mapCommitted(String jobId, String taskId, MapCommit commit) throws Exception {
        String path = paths.jobMap(jobId, taskId);
        write("record map " + taskId + " of " + jobId, zk.checkExists().forPath(path) == null
                ? zk.transactionOp().create().forPath(path, commit.toByteArray())
                : zk.transactionOp().setData().forPath(path, commit.toByteArray()));
    }

    @Override
    public void mapLost(String jobId, String taskId) throws Exception {
        String path = paths.jobMap(jobId, taskId);
        if (zk.checkExists().forPath(path) != null) {
            write("forget map " + taskId + " of " + jobId, zk.transactionOp().delete().forPath(path));
        }
    }

    @Override
    public void reduceCommitted(String jobId, String taskId, ReduceCommit commit) throws Exception {
        write("record reduce " + taskId + " of " + jobId,
                zk.transactionOp().create().forPath(paths.jobReduce(jobId, taskId), commit.toByteArray()));
    }

    @Override
    public void attemptFailed(String jobId, AttemptFailure failure) throws Exception {
        CuratorOp record = zk.transactionOp().create().withMode(CreateMode.PERSISTENT_SEQUENTIAL)
                .forPath(paths.jobFailurePrefix(jobId), failure.toByteArray());
        String what = "record the failure of " + failure.getAttemptId() + " of " + jobId;
        if (zk.checkExists().forPath(paths.jobFailures(jobId)) != null) {
            write(what, record);
        } else { // a job recorded before failures were journaled
            write(what, zk.transactionOp().create().forPath(paths.jobFailures(jobId)), record);
        }
    }

    @Override
    public void jobEnded(String jobId, JobEnd end) throws Exception {
        write("record the end of " + jobId, zk.transactionOp().create().forPath(paths.jobEnd(jobId), end.toByteArray()));
    }

    @Override
    public List<JournaledJob> unfinished() throws Exception {
        List<JournaledJob> jobs = new ArrayList<>();
        for (String jobId : zk.getChildren().forPath(paths.jobs()).stream().sorted().toList()) {
            if (zk.checkExists().forPath(paths.jobEnd(jobId)) != null) {
                continue;
            }
            JobRecord record;
            try {
                record = JobRecord.parseFrom(zk.getData().forPath(paths.job(jobId)));
            } catch (InvalidProtocolBufferException e) {
                log.warn("job {}: unreadable record in ZooKeeper, not resumed: {}", jobId, e.getMessage());
                continue;
            }
            List<MapCommit> maps = new ArrayList<>();
            for (byte[] data : children(paths.jobMaps(jobId))) {
                maps.add(MapCommit.parseFrom(data));
            }
            List<ReduceCommit> reduces = new ArrayList<>();
            for (byte[] data : children(paths.jobReduces(jobId))) {
                reduces.add(ReduceCommit.parseFrom(data));
            }
            List<AttemptFailure> failures = new ArrayList<>();
            for (byte[] data : children(paths.jobFailures(jobId))) {
                failures.add(AttemptFailure.parseFrom(data));
            }
            jobs.add(new JournaledJob(jobId, record, maps, reduces, failures));
        }
        return jobs;
    }

    private List<byte[]> children(String parent) throws Exception {
        List<byte[]> data = new ArrayList<>();
        try {
            for (String child : zk.getChildren().forPath(parent).stream().sorted().toList()) {
                data.add(zk.getData().forPath(parent + "/" + child));
            }
        } catch (KeeperException.NoNodeException e) {
            // the leader died between recording the job and creating its task records (nothing finished),
            // or the job was recorded before failures were journaled (none recorded)
        }
        return data;
    }

    /** {@code ops} in one transaction behind the epoch check; the results follow the check's. */
    private List<CuratorTransactionResult> write(String what, CuratorOp... ops) throws Exception {
        List<CuratorOp> all = new ArrayList<>();
        all.add(zk.transactionOp().check().withVersion(fence.epochVersion()).forPath(paths.epoch()));
        all.addAll(List.of(ops));
        try {
            return zk.transaction().forOperations(all);
        } catch (KeeperException.BadVersionException e) {
            throw new FencedException("cannot " + what + ": a newer leader has taken over (the epoch moved past version "
                    + fence.epochVersion() + ")", e);
        }
    }
}
