package dev.quern.coordinator.job;

import dev.quern.proto.ExecutorInfo;
import dev.quern.proto.MapOutputLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the leader does when an executor comes or goes: attempts it no longer runs are run again,
 * and so are the finished maps whose outputs went with it while a reduce still needs them. Part of
 * {@link JobManager}, on its thread.
 */
final class ExecutorChanges {

    /** The manager's side: its running jobs, and what it does after a change. */
    interface Jobs {
        List<JobRun> running();

        /** A finished map's output is gone: the map runs again. Returns where the output was. */
        MapOutputLocation loseMapOutput(JobRun job, TaskState map);

        /** Tells the job's listeners its status. */
        void publish(JobRun job);

        /** Fills free slots. */
        void schedule();
    }

    private static final Logger log = LoggerFactory.getLogger(ExecutorChanges.class);

    private final ExecutorPool pool;
    private final AttemptResults results;
    private final MapOutputNotices notices;
    private final Jobs jobs;

    ExecutorChanges(ExecutorPool pool, AttemptResults results, MapOutputNotices notices, Jobs jobs) {
        this.pool = pool;
        this.results = results;
        this.notices = notices;
        this.jobs = jobs;
    }

    /**
     * An executor answered hello, listing the attempts it is running. An attempt thought live there
     * but not listed has ended without a report reaching us (its update was lost with a connection):
     * it is rerun. Its live reduce attempts are sent every map output known now, in case a message
     * was lost with the connection.
     */
    void ready(ExecutorInfo info, List<String> runningAttempts) {
        String id = info.getExecutorId();
        pool.ready(info);
        log.info("executor {} ready: {} slots, {} attempts running", id, info.getSlots(), runningAttempts.size());
        for (JobRun job : jobs.running()) {
            for (TaskState task : job.byTaskId.values()) {
                for (TaskState.Attempt a : List.copyOf(task.live.values())) {
                    if (a.executorId().equals(id) && !runningAttempts.contains(a.attemptId())) {
                        log.warn("job {} attempt {} is gone from {} without a report: rerunning it", job.jobId, a.attemptId(), id);
                        results.requeue(task, a);
                    }
                }
            }
            notices.resend(job, id);
        }
        jobs.schedule();
    }

    /** An executor is gone: its running attempts are rerun, and so are its map outputs still needed. */
    void lost(String executorId) {
        List<JobRun> running = jobs.running();
        Optional<Integer> attempts = pool.lost(executorId);
        // One that never said hello may still hold map outputs a previous leader journaled.
        if (attempts.isEmpty() && running.stream().noneMatch(j -> j.hasUnconfirmedMapsOn(executorId))) {
            return;
        }
        if (attempts.orElse(0) > 0 || !running.isEmpty()) {
            log.warn("executor {} lost with {} attempts running", executorId, attempts.orElse(0));
        } else {
            log.info("executor {} left", executorId);
        }
        for (JobRun job : running) {
            List<MapOutputLocation> gone = new ArrayList<>();
            for (TaskState task : job.byTaskId.values()) {
                task.live.values().removeIf(a -> a.executorId().equals(executorId));
                task.pendingIfIdle();
                // A map-only job's map output is its part file, in OUT: not lost with the executor.
                if (task.isMap && task.phase == TaskState.Phase.SUCCEEDED && executorId.equals(task.winningExecutor)
                        && !job.mapOnly() && !job.reducesDone()) {
                    log.info("job {}: map {} output was on {}: rerunning it", job.jobId, task.taskId, executorId);
                    gone.add(jobs.loseMapOutput(job, task));
                }
            }
            notices.obsolete(job, gone);
            jobs.publish(job);
        }
        jobs.schedule();
    }

    /**
     * Every member is known ({@code isMember}): a previous leader's map outputs on an executor that
     * is no longer one, and whose leaving was never heard of, are lost.
     */
    void membersKnown(Predicate<String> isMember) {
        Set<String> gone = new TreeSet<>();
        jobs.running().forEach(job -> job.unconfirmedMaps.forEach(t -> gone.add(job.byTaskId.get(t).winningExecutor)));
        gone.removeIf(isMember);
        gone.forEach(this::lost);
    }
}
