package dev.quern.coordinator.job;

import dev.quern.coordinator.journal.JobJournal;
import dev.quern.proto.AttemptFailure;
import dev.quern.proto.Error;
import dev.quern.proto.JobEnd;
import dev.quern.proto.JobRecord;
import dev.quern.proto.MapCommit;
import dev.quern.proto.MapOutputLocation;
import dev.quern.proto.ReduceCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the job manager writes to the {@link JobJournal} as a job advances. A write refused because a
 * newer leader has taken over ({@link JobJournal.FencedException}) deposes this one at once: it
 * must launch nothing more. Any other failed write (ZooKeeper unreachable) leaves the journal behind
 * the truth, which only costs a new leader work redone: a job that already ended is recognised by its
 * output ({@link JobRecovery}), an unrecorded commit is redone and the first committed file kept.
 */
final class JournalWriter {

    private static final Logger log = LoggerFactory.getLogger(JournalWriter.class);

    @FunctionalInterface
    private interface Write {
        void run() throws Exception;
    }

    private final JobJournal journal;
    private final Runnable deposed;
    private boolean fenced;

    JournalWriter(JobJournal journal, Runnable deposed) {
        this.journal = journal;
        this.deposed = deposed;
    }

    /** True once a write was fenced: this manager is no longer the leader's. */
    boolean fenced() {
        return fenced;
    }

    /** Records a new job; a failure is the submitter's to hear, and a fenced one deposes this leader. */
    String recordJob(JobRecord record) throws Exception {
        try {
            return journal.recordJob(record);
        } catch (JobJournal.FencedException e) {
            depose(e);
            throw e;
        }
    }

    void mapCommitted(JobRun job, TaskState task, TaskState.Attempt winner) {
        // A map-only job's map has no output to fetch: its location names only the map and its winner.
        MapCommit.Builder c = MapCommit.newBuilder().addAllCounters(task.counters).setLocation(task.mapOutput != null
                ? task.mapOutput
                : MapOutputLocation.newBuilder().setMapIndex(task.index).setAttemptId(winner.attemptId()).setExecutorId(winner.executorId()).build());
        if (task.partFile != null) {
            c.setCommittedFile(task.partFile);
        }
        write("map " + task.taskId + " of " + job.jobId, () -> journal.mapCommitted(job.jobId, task.taskId, c.build()));
    }

    void mapLost(JobRun job, TaskState task) {
        write("the loss of map " + task.taskId + " of " + job.jobId, () -> journal.mapLost(job.jobId, task.taskId));
    }

    void reduceCommitted(JobRun job, TaskState task, String attemptId) {
        ReduceCommit c = ReduceCommit.newBuilder().setPartition(task.index).setAttemptId(attemptId)
                .setCommittedFile(task.partFile).addAllCounters(task.counters).build();
        write("reduce " + task.taskId + " of " + job.jobId, () -> journal.reduceCommitted(job.jobId, task.taskId, c));
    }

    void attemptFailed(JobRun job, TaskState task, TaskState.Attempt attempt, Error error) {
        AttemptFailure f = AttemptFailure.newBuilder().setTaskId(task.taskId).setAttemptId(attempt.attemptId())
                .setExecutorId(attempt.executorId()).setError(error).build();
        write("the failure of " + attempt.attemptId() + " of " + job.jobId, () -> journal.attemptFailed(job.jobId, f));
    }

    void jobEnded(JobRun job) {
        JobEnd.Builder end = JobEnd.newBuilder().setState(job.state).setFinishTimeMs(job.finishMillis);
        if (job.error != null) {
            end.setError(job.error);
        }
        write("the end of " + job.jobId, () -> journal.jobEnded(job.jobId, end.build()));
    }

    private void write(String what, Write write) {
        if (fenced) {
            return;
        }
        try {
            write.run();
        } catch (JobJournal.FencedException e) {
            depose(e);
        } catch (Exception e) {
            log.warn("cannot journal {}: {}; a new leader would redo that work", what, e.toString());
        }
    }

    private void depose(JobJournal.FencedException e) {
        if (!fenced) {
            fenced = true;
            log.error("deposed: {}; stepping down at once", e.getMessage());
            deposed.run();
        }
    }
}
