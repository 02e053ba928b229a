package dev.quern.coordinator.job;

import dev.quern.coordinator.journal.JobJournal;
import dev.quern.job.TaskIds;
import dev.quern.proto.AttemptFailure;
import dev.quern.proto.Error;
import dev.quern.proto.JobSpec;
import dev.quern.proto.JobStatus;
import dev.quern.proto.MapCommit;
import dev.quern.proto.ReduceCommit;
import dev.quern.proto.Split;
import dev.quern.wire.Errors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Rebuilds a job a previous leader left unfinished from its journal: the splits are cut again from
 * the immutable input, and only finished work whose result is still there is kept.
 *
 * <ul>
 *   <li>a map with a MapCommit is SUCCEEDED if its executor is still a member (its output is
 *       confirmed when that executor says hello listing it, else the map runs again); a map-only
 *       job's map if its committed part file exists;
 *   <li>a reduce with a ReduceCommit is SUCCEEDED if its committed part file exists (or was already
 *       moved into OUT by a job commit cut short);
 *   <li>everything else is PENDING, with a new attempt id (the epoch in it differs);
 *   <li>the recorded failed attempts count again: toward each task's attempts and toward excluding
 *       executors. A task that had failed for good (its attempts used up, or an error that cannot be
 *       retried) when the old leader died, before it recorded the job's end, fails the job now.
 * </ul>
 *
 * A job whose output already has {@code _SUCCESS} ended well before its end was recorded; one whose
 * temporary directory is gone ended otherwise (or never started); one whose input now cuts into
 * another number of splits cannot be resumed. Those are ended, not resumed.
 */
final class JobRecovery {

    /** The rebuilt job, and when it must not run on, the state and error to end it with. */
    record Rebuilt(JobRun job, JobStatus.State endAs, Error error) {
        boolean resumes() {
            return endAs == null;
        }
    }

    private JobRecovery() {}

    static Rebuilt rebuild(JobJournal.JournaledJob journaled, Set<String> members) {
        String jobId = journaled.jobId();
        JobSpec spec = journaled.record().getSpec();
        long submitted = journaled.record().getSubmitTimeMs();
        List<Split> splits;
        try {
            splits = JobSubmission.split(spec);
        } catch (SubmitException e) {
            return new Rebuilt(new JobRun(jobId, spec, List.of(), submitted), JobStatus.State.FAILED,
                    Errors.of(e.error().getCode(), "job " + jobId + " cannot be resumed by the new leader: " + e.getMessage(), false));
        }
        JobRun job = new JobRun(jobId, spec, splits, submitted);
        if (Files.exists(job.output.resolve(OutputCommitter.SUCCESS))) {
            return new Rebuilt(job, JobStatus.State.SUCCEEDED, null);
        }
        if (!Files.isDirectory(job.tempDir)) {
            return new Rebuilt(job, JobStatus.State.FAILED, Errors.of(Error.Code.INTERNAL, "job " + jobId
                    + " ended under an earlier leader, or never started, and no end was recorded: " + job.tempDir + " is gone", false));
        }
        if (splits.size() != journaled.record().getMaps()) {
            return new Rebuilt(job, JobStatus.State.FAILED, Errors.of(Error.Code.INVALID_ARGUMENT, "job " + jobId
                    + " cannot be resumed: its input changed since it was submitted (" + journaled.record().getMaps()
                    + " splits then, " + splits.size() + " now)", false));
        }
        for (MapCommit c : journaled.maps()) {
            TaskState task = job.byTaskId.get(TaskIds.mapTask(c.getLocation().getMapIndex()));
            if (task == null) {
                continue;
            }
            if (job.mapOnly()) {
                if (committedExists(job, c.getCommittedFile())) {
                    succeeded(task, c.getLocation().getExecutorId(), c.getCountersList());
                    task.partFile = c.getCommittedFile();
                }
            } else if (members.contains(c.getLocation().getExecutorId())) {
                succeeded(task, c.getLocation().getExecutorId(), c.getCountersList());
                task.mapOutput = c.getLocation();
                job.unconfirmedMaps.add(task.taskId);
            }
        }
        for (ReduceCommit c : journaled.reduces()) {
            TaskState task = job.byTaskId.get(TaskIds.reduceTask(c.getPartition()));
            if (task != null && !job.mapOnly() && committedExists(job, c.getCommittedFile())) {
                succeeded(task, "", c.getCountersList());
                task.partFile = c.getCommittedFile();
            }
        }
        for (AttemptFailure f : journaled.failures()) {
            TaskState task = job.byTaskId.get(f.getTaskId());
            if (task == null) {
                continue;
            }
            job.failures.record(new AttemptFailures.Failure(task.taskId, f.getAttemptId(), f.getExecutorId(), f.getError()));
            Error jobError = AttemptResults.countAgainstTask(job, task, f.getError());
            if (jobError != null) {
                return new Rebuilt(job, JobStatus.State.FAILED, jobError);
            }
        }
        return new Rebuilt(job, null, null);
    }

    private static void succeeded(TaskState task, String executorId, List<dev.quern.proto.Counter> counters) {
        task.phase = TaskState.Phase.SUCCEEDED;
        task.winningExecutor = executorId;
        task.counters = List.copyOf(counters);
    }

    /** Committed, or already moved into OUT by a job commit that a leader's death cut short. */
    private static boolean committedExists(JobRun job, String committedFile) {
        if (committedFile.isEmpty()) {
            return false;
        }
        Path committed = Path.of(committedFile);
        return Files.exists(committed) || Files.exists(job.output.resolve(committed.getFileName()));
    }
}
