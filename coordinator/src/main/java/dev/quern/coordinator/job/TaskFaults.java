package dev.quern.coordinator.job;

import dev.quern.proto.Error;
import dev.quern.proto.FetchFailed;
import dev.quern.proto.JobStatus;
import dev.quern.proto.MapOutputLocation;
import dev.quern.wire.Errors;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's answers to task-level faults, beside {@link JobManager} (which calls in through small
 * hooks): fetch-failure reports that rerun maps ({@link FetchFailures}), attempts without progress
 * ({@link AttemptWatch}, killed and counted as failures), and stragglers (a backup attempt).
 *
 * <p>Not thread-safe: the leader's event loop owns it, with the job manager.
 */
final class TaskFaults {

    private static final Logger log = LoggerFactory.getLogger(TaskFaults.class);

    /** The job manager's parts these decisions act through. */
    record Context(Dispatcher dispatcher, ExecutorPool pool, TaskLauncher launcher, MapOutputNotices notices, Clock clock) {}

    /** What only the job manager can do: end an attempt as failed, lose a map output, react to a change. */
    interface Hooks {
        void failed(JobRun job, TaskState task, TaskState.Attempt attempt, Error error);

        /** The map goes back to PENDING (its output is gone or bad); returns where the output was. */
        MapOutputLocation mapOutputLost(JobRun job, TaskState map);

        /** Commits the job if it is done, tells its listeners, fills free slots. */
        void changed(JobRun job);
    }

    private final Context c;
    private final Hooks hooks;
    private final AttemptWatch watch = new AttemptWatch();

    TaskFaults(Context context, Hooks hooks) {
        this.c = context;
        this.hooks = hooks;
    }

    /** A RUNNING update: its progress feeds the attempt's timeout. */
    void progressed(JobRun job, String attemptId, float progress) {
        watch.progressed(job, attemptId, progress, c.clock().millis());
    }

    /**
     * A reduce attempt of {@code job} (null: not known here) could not fetch a map output. Reports
     * from an attempt that is not live, or against an output already replaced, are ignored; {@link FetchFailures} says when the map must
     * run again, and then live reduces are told the output is obsolete.
     */
    void fetchFailed(JobRun job, String executorId, FetchFailed f) {
        if (job == null || job.state != JobStatus.State.RUNNING || f.getMapIndex() < 0 || f.getMapIndex() >= job.maps.size()) {
            return;
        }
        if (job.reduces.stream().noneMatch(r -> r.live.containsKey(f.getReduceAttemptId()))) {
            return; // from a reduce attempt the leader no longer listens to (killed, lost, a lost backup)
        }
        TaskState map = job.maps.get(f.getMapIndex());
        if (map.phase != TaskState.Phase.SUCCEEDED || map.mapOutput == null || !map.mapOutput.getAttemptId().equals(f.getMapAttemptId())) {
            return;
        }
        boolean alive = c.pool().info(map.winningExecutor).isPresent();
        boolean rerun = job.fetchFailures.rerunNeeded(f, alive);
        log.warn("job {}: reduce attempt {} on {} cannot fetch map attempt {} ({}, report {}){}: {}", job.jobId,
                f.getReduceAttemptId(), executorId, f.getMapAttemptId(), f.getReason(), job.fetchFailures.count(f.getMapAttemptId()),
                rerun ? ", rerunning the map" : "", f.getMessage());
        if (rerun) {
            c.notices().obsolete(job, List.of(hooks.mapOutputLost(job, map)));
            hooks.changed(job);
        }
    }

    /**
     * The tick: an attempt without progress for its job's {@code quern.task.timeout} is killed and
     * counts as failed; then stragglers get a backup attempt on a free slot, if there is one.
     */
    void tick(List<JobRun> running) {
        long now = c.clock().millis();
        for (AttemptWatch.Stalled s : watch.stalled(running, now)) {
            if (s.job().state != JobStatus.State.RUNNING || !s.task().live.containsKey(s.attempt().attemptId())) {
                continue; // its job failed on an earlier one this tick
            }
            c.dispatcher().kill(s.attempt().executorId(), s.job().jobId, s.attempt().attemptId());
            hooks.failed(s.job(), s.task(), s.attempt(), Errors.of(Error.Code.TIMED_OUT, "attempt " + s.attempt().attemptId()
                    + " on " + s.attempt().executorId() + " made no progress for " + s.job().taskTimeoutMillis + " ms", true));
            hooks.changed(s.job());
        }
        for (AttemptWatch.Backup b : AttemptWatch.backups(running.stream().filter(j -> j.state == JobStatus.State.RUNNING).toList(), now)) {
            if (c.launcher().launchBackup(b.job(), b.task())) {
                b.task().backedUp = true;
                log.info("job {}: task {} is a straggler: backup attempt launched", b.job().jobId, b.task().taskId);
                hooks.changed(b.job());
            }
        }
    }
}
