package dev.quern.coordinator.job;

import dev.quern.proto.Error;
import dev.quern.proto.ExecutorInfo;
import dev.quern.proto.JobStatus;
import dev.quern.proto.TaskUpdate;
import dev.quern.wire.Errors;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a live attempt's end does to its task: the first success commits and wins (a backup still
 * running is killed), a failure is recorded and retried up to the job's limit, or ends the job.
 * Confined, like {@link JobManager}, to the coordinator's event-loop thread.
 */
final class AttemptResults {

    private static final Logger log = LoggerFactory.getLogger(AttemptResults.class);

    /** Ends a job (stops its attempts, settles its output): {@link JobManager}'s. */
    interface Finisher {
        void finish(JobRun job, JobStatus.State state, Error error);
    }

    private final Dispatcher dispatcher;
    private final ExecutorPool pool;
    private final JournalWriter journal;
    private final MapOutputNotices notices;
    private final Clock clock;
    private final Finisher finisher;

    AttemptResults(Dispatcher dispatcher, ExecutorPool pool, JournalWriter journal, MapOutputNotices notices, Clock clock,
            Finisher finisher) {
        this.dispatcher = dispatcher;
        this.pool = pool;
        this.journal = journal;
        this.notices = notices;
        this.clock = clock;
        this.finisher = finisher;
    }

    void succeeded(JobRun job, TaskState task, TaskState.Attempt attempt, TaskUpdate u) {
        if (task.phase == TaskState.Phase.SUCCEEDED) {
            endAttempt(task, attempt);
            TaskCommitter.discard(job, attempt.attemptId()); // the first attempt to finish won
            return;
        }
        boolean writesOutput = !task.isMap || job.mapOnly();
        String committed = null;
        if (writesOutput) {
            try {
                committed = TaskCommitter.commit(job, attempt.attemptId(), u.getResult().getPartFile()).toString();
            } catch (IOException e) {
                failed(job, task, attempt, Errors.of(Error.Code.IO_ERROR, "cannot commit the output of attempt "
                        + attempt.attemptId() + ": " + e, true, e));
                return;
            }
        }
        endAttempt(task, attempt);
        task.phase = TaskState.Phase.SUCCEEDED;
        task.winningExecutor = attempt.executorId();
        task.durationMillis = clock.millis() - attempt.startedMillis();
        task.counters = u.getResult().getCountersList();
        if (task.isMap && !job.mapOnly()) {
            ExecutorInfo where = pool.info(attempt.executorId()).orElseThrow(); // a lost one's attempts are not live
            task.mapOutput = u.getResult().getMapOutput().toBuilder().setMapIndex(task.index)
                    .setExecutorId(attempt.executorId()).setHost(where.getHost()).setShufflePort(where.getShufflePort()).build();
            notices.available(job, task.mapOutput);
        } else {
            task.partFile = committed;
        }
        if (task.isMap) {
            journal.mapCommitted(job, task, attempt);
        } else {
            journal.reduceCommitted(job, task, attempt.attemptId());
        }
        // A backup (speculation) still running lost the race: stop it and free its slot.
        task.live.values().forEach(other -> {
            dispatcher.kill(other.executorId(), job.jobId, other.attemptId());
            pool.released(other.executorId());
        });
        task.live.clear();
    }

    void failed(JobRun job, TaskState task, TaskState.Attempt attempt, Error error) {
        endAttempt(task, attempt);
        journal.attemptFailed(job, task, attempt, error); // a new leader goes on counting from here
        Error jobError = countAgainstTask(job, task, error);
        log.warn("job {} attempt {} failed ({} of {}): {}", job.jobId, attempt.attemptId(), task.failures,
                job.maxAttempts, Errors.describe(error));
        if (job.failures.record(new AttemptFailures.Failure(task.taskId, attempt.attemptId(), attempt.executorId(), error))) {
            log.warn("job {}: {} tasks failed on executor {}: it gets no more attempts of the job", job.jobId,
                    AttemptFailures.TASKS_TO_EXCLUDE, attempt.executorId());
        }
        if (jobError != null) {
            finisher.finish(job, JobStatus.State.FAILED, jobError);
        } else {
            task.pendingIfIdle();
        }
    }

    /**
     * Counts a failed attempt against its task (its failures, its first error), as the leader does
     * when one fails and a new leader does replaying the journal ({@link JobRecovery}). When the task
     * may not run again (its attempts ran out, or the error cannot be retried), it is FAILED and the
     * job's error is returned; else null (also for a task that already succeeded).
     */
    static Error countAgainstTask(JobRun job, TaskState task, Error error) {
        task.failures++;
        if (task.firstError == null) {
            task.firstError = error;
        }
        if (task.phase == TaskState.Phase.SUCCEEDED || (error.getRetriable() && task.failures < job.maxAttempts)) {
            return null;
        }
        task.phase = TaskState.Phase.FAILED;
        String why = error.getRetriable() ? "failed " + task.failures + " attempts" : "failed and cannot be retried";
        return task.firstError.toBuilder().setMessage("task " + task.taskId + " " + why + "; first error: "
                + task.firstError.getMessage()).build();
    }

    void endAttempt(TaskState task, TaskState.Attempt attempt) {
        task.live.remove(attempt.attemptId());
        pool.released(attempt.executorId());
    }

    /**
     * Ends an attempt that was not the task's fault (gone without a report, killed by its executor's
     * shutdown): it does not count against the task, which runs again unless another attempt of it is live.
     */
    void requeue(TaskState task, TaskState.Attempt attempt) {
        endAttempt(task, attempt);
        task.pendingIfIdle();
    }
}
