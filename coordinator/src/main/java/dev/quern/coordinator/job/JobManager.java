package dev.quern.coordinator.job;

import static java.util.Objects.requireNonNull;

import dev.quern.coordinator.journal.JobJournal;
import dev.quern.job.TaskIds;
import dev.quern.proto.Error;
import dev.quern.proto.ExecutorInfo;
import dev.quern.proto.HelloAck;
import dev.quern.proto.JobRecord;
import dev.quern.proto.FetchFailed;
import dev.quern.proto.JobSpec;
import dev.quern.proto.JobStatus;
import dev.quern.proto.MapOutputLocation;
import dev.quern.proto.Split;
import dev.quern.proto.TaskUpdate;
import dev.quern.wire.Errors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every job on the leader, and the executors it can use. Each event (a submit, an executor joining
 * or leaving, an attempt's update) changes the state and then fills every free slot at once, so no
 * task waits for a timer.
 *
 * <p>Not thread-safe: the coordinator confines it to its single event-loop thread.
 */
public final class JobManager {

    private static final Logger log = LoggerFactory.getLogger(JobManager.class);
    private static final int FINISHED_JOBS_KEPT = 100;

    private final Dispatcher dispatcher;
    private final JournalWriter journal;
    private final ClassLoader loader;
    private final Clock clock;
    private final ExecutorPool pool = new ExecutorPool();
    // Executors whose last launch was refused (no connection): still members, with their attempts and
    // map outputs, but not given attempts until they say hello again.
    private final LinkedHashMap<String, JobRun> jobs = new LinkedHashMap<>();
    private final StatusBroadcaster broadcaster = new StatusBroadcaster();
    private final TaskLauncher launcher;
    private boolean paused;
    private final MapOutputNotices notices;
    private final HelloReconciler reconciler;
    private final TaskFaults faults;

    /**
     * A manager for the leader of {@code epoch} (0 outside an election), journaling to {@code journal};
     * {@code deposed} runs, on this thread, when a journal write shows that a newer leader took over.
     */
    public JobManager(Dispatcher dispatcher, JobJournal journal, long epoch, ClassLoader loader, Clock clock, Runnable deposed) {
        this.dispatcher = requireNonNull(dispatcher, "dispatcher is null");
        this.journal = new JournalWriter(requireNonNull(journal, "journal is null"), requireNonNull(deposed, "deposed is null"));
        this.loader = requireNonNull(loader, "loader is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.launcher = new TaskLauncher(dispatcher, pool, clock, epoch);
        this.notices = new MapOutputNotices(dispatcher);
        this.reconciler = new HelloReconciler(dispatcher);
        this.faults = new TaskFaults(new TaskFaults.Context(dispatcher, pool, launcher, notices, clock), new TaskFaults.Hooks() {
            @Override public void failed(JobRun job, TaskState task, TaskState.Attempt attempt, Error error) {
                JobManager.this.failed(job, task, attempt, error);
            }
            @Override public MapOutputLocation mapOutputLost(JobRun job, TaskState map) { return loseMapOutput(job, map); }
            @Override public void changed(JobRun job) { afterChange(job); }
        });
    }

    /** Checks, records and starts a job; refusals name the problem and leave no output behind. */
    public String submit(JobSpec spec, JobListener listener) throws SubmitException {
        return submit(spec, loader, listener);
    }

    /** {@link #submit(JobSpec, JobListener)} of a job whose classes {@code jobLoader} loads (its job jar's). */
    public String submit(JobSpec spec, ClassLoader jobLoader, JobListener listener) throws SubmitException {
        List<Split> splits = JobSubmission.prepare(spec, jobLoader);
        Path output = Path.of(spec.getOutput());
        JobSubmission.claimOutput(output);
        String jobId;
        try {
            jobId = journal.recordJob(JobRecord.newBuilder().setSpec(spec).setSubmitTimeMs(clock.millis()).setMaps(splits.size()).build());
        } catch (JobJournal.FencedException e) {
            JobSubmission.releaseOutput(output);
            throw new SubmitException(Error.Code.NOT_LEADER, "job '" + spec.getName() + "' not accepted: " + e.getMessage());
        } catch (Exception e) {
            JobSubmission.releaseOutput(output);
            throw new SubmitException(Error.Code.INTERNAL, "cannot record job '" + spec.getName() + "' in ZooKeeper: " + e);
        }
        JobRun job = new JobRun(jobId, spec, splits, clock.millis());
        try {
            // Attempts create only their own directory inside: one that outlives an abort fails
            // instead of bringing the removed tree back.
            Files.createDirectories(job.tempDir);
        } catch (IOException e) {
            JobSubmission.releaseOutput(output);
            throw new SubmitException(Error.Code.IO_ERROR, "cannot create " + job.tempDir + ": " + e);
        }
        jobs.put(jobId, job);
        broadcaster.add(jobId, listener);
        listener.accepted(jobId);
        log.info("job {} '{}' accepted: {} maps, {} reduces, output {}", jobId, spec.getName(), job.maps.size(),
                job.reduces.size(), job.output);
        notifyListeners(job);
        afterChange(job);
        return jobId;
    }

    public Optional<JobStatus> status(String jobId) {
        return Optional.ofNullable(jobs.get(jobId)).map(JobRun::status);
    }

    /** Stops a running job: its attempts are killed and its output directory removed. */
    public Optional<JobStatus> kill(String jobId) {
        JobRun job = jobs.get(jobId);
        if (job == null) {
            return Optional.empty();
        }
        if (job.state == JobStatus.State.RUNNING) {
            finish(job, JobStatus.State.KILLED, Errors.of(Error.Code.KILLED, "job " + jobId + " was killed by a client", false));
            notifyListeners(job);
            schedule();
        }
        return Optional.of(job.status());
    }

    /**
     * The job's status now; {@code listener} also hears every change until the job ends (a client
     * following a job again, after a leader change).
     */
    public Optional<JobStatus> watch(String jobId, JobListener listener) {
        JobRun job = jobs.get(jobId);
        if (job == null) {
            return Optional.empty();
        }
        if (job.state == JobStatus.State.RUNNING) {
            broadcaster.add(jobId, listener);
        }
        return Optional.of(job.status());
    }

    public List<JobStatus> jobs() {
        return jobs.values().stream().map(JobRun::status).toList();
    }

    /**
     * Takes over the jobs a previous leader left unfinished ({@link JobRecovery}); {@code members}
     * are the executors ZooKeeper holds now. Jobs that cannot go on are ended and their end recorded.
     */
    public void resume(List<JobJournal.JournaledJob> unfinished, Set<String> members) {
        for (JobJournal.JournaledJob journaled : unfinished) {
            JobRecovery.Rebuilt r = JobRecovery.rebuild(journaled, members);
            JobRun job = r.job();
            jobs.put(job.jobId, job);
            if (r.resumes()) {
                log.info("job {} '{}' resumed: {} of {} maps and {} of {} reduces done", job.jobId, job.spec.getName(),
                        job.status().getProgress().getMapsDone(), job.maps.size(), job.status().getProgress().getReducesDone(),
                        job.reduces.size());
            } else {
                finish(job, r.endAs(), r.error());
            }
        }
        running().forEach(this::afterChange);
        schedule();
    }

    /**
     * An executor answered hello: besides the attempts it runs ({@link #executorReady(ExecutorInfo, List)}),
     * the map outputs it holds confirm or refute what a previous leader journaled, and attempts this
     * leader did not launch are killed (they would hold slots, and their reports are not listened to).
     */
    public void executorReady(ExecutorInfo info, HelloAck ack) {
        if (journal.fenced()) {
            return;
        }
        reconciler.reconcile(jobs, info.getExecutorId(), ack, (job, task) -> notices.obsolete(job, List.of(loseMapOutput(job, task))));
        executorReady(info, ack.getRunningAttemptsList());
    }

    /**
     * Every member is known ({@code isMember}): a previous leader's map outputs on an executor that
     * is no longer one, and whose leaving this manager never heard of, are lost.
     */
    public void membersKnown(Predicate<String> isMember) {
        Set<String> gone = new TreeSet<>();
        running().forEach(job -> job.unconfirmedMaps.forEach(t -> gone.add(job.byTaskId.get(t).winningExecutor)));
        gone.removeIf(isMember);
        gone.forEach(this::executorLost);
    }

    /** A finished map's output is gone: the map runs again. Returns where the output was. */
    private MapOutputLocation loseMapOutput(JobRun job, TaskState task) {
        MapOutputLocation gone = task.mapOutput;
        task.phase = TaskState.Phase.PENDING;
        task.mapOutput = null;
        job.unconfirmedMaps.remove(task.taskId);
        journal.mapLost(job, task);
        return gone;
    }

    /**
     * An executor answered hello, listing the attempts it is running. An attempt this manager thinks
     * is live there but the executor does not list has ended without a report reaching us (its
     * update was lost with a connection): it is rerun. Its live reduce attempts are sent every map
     * output known now, in case a message was lost with the connection.
     */
    public void executorReady(ExecutorInfo info, List<String> runningAttempts) {
        String id = info.getExecutorId();
        pool.ready(info);
        log.info("executor {} ready: {} slots, {} attempts running", id, info.getSlots(), runningAttempts.size());
        for (JobRun job : running()) {
            for (TaskState task : job.byTaskId.values()) {
                for (TaskState.Attempt a : List.copyOf(task.live.values())) {
                    if (a.executorId().equals(id) && !runningAttempts.contains(a.attemptId())) {
                        log.warn("job {} attempt {} is gone from {} without a report: rerunning it", job.jobId, a.attemptId(), id);
                        endAttempt(task, a);
                        if (task.phase == TaskState.Phase.RUNNING && task.live.isEmpty()) {
                            task.phase = TaskState.Phase.PENDING;
                        }
                    }
                }
            }
            notices.resend(job, id);
        }
        schedule();
    }

    /** An executor is gone: its running attempts are rerun, and so are its map outputs still needed. */
    public void executorLost(String executorId) {
        Optional<Integer> running = pool.lost(executorId);
        // One that never said hello may still hold map outputs a previous leader journaled.
        if (running.isEmpty() && running().stream().noneMatch(j -> j.hasUnconfirmedMapsOn(executorId))) {
            return;
        }
        int attempts = running.orElse(0);
        if (attempts > 0 || !running().isEmpty()) {
            log.warn("executor {} lost with {} attempts running", executorId, attempts);
        } else {
            log.info("executor {} left", executorId);
        }
        for (JobRun job : running()) {
            List<MapOutputLocation> gone = new ArrayList<>();
            for (TaskState task : job.byTaskId.values()) {
                task.live.values().removeIf(a -> a.executorId().equals(executorId));
                if (task.phase == TaskState.Phase.RUNNING && task.live.isEmpty()) {
                    task.phase = TaskState.Phase.PENDING;
                }
                // A map-only job's map output is its part file, in OUT: not lost with the executor.
                if (task.isMap && task.phase == TaskState.Phase.SUCCEEDED && executorId.equals(task.winningExecutor)
                        && !job.mapOnly() && !job.reducesDone()) {
                    log.info("job {}: map {} output was on {}: rerunning it", job.jobId, task.taskId, executorId);
                    gone.add(loseMapOutput(job, task));
                }
            }
            notices.obsolete(job, gone);
            notifyListeners(job);
        }
        schedule();
    }

    /** A reduce attempt could not fetch a map output: see {@link TaskFaults#fetchFailed}. */
    public void fetchFailed(String executorId, FetchFailed report) {
        if (journal.fenced()) {
            return;
        }
        faults.fetchFailed(jobs.get(report.getJobId()), executorId, report);
    }

    /** The leader's clock tick (every second): progress timeouts and speculation ({@link TaskFaults#tick}). */
    public void tick() {
        if (!paused && !journal.fenced()) {
            faults.tick(running());
        }
    }

    public void taskUpdate(String executorId, TaskUpdate u) {
        JobRun job = jobs.get(u.getJobId());
        // The id comes off the wire: one without an attempt number names no attempt (and must not throw).
        boolean wellFormed = TaskIds.isAttempt(u.getAttemptId());
        TaskState task = job == null || !wellFormed ? null : job.byTaskId.get(TaskIds.taskOf(u.getAttemptId()));
        TaskState.Attempt attempt = task == null ? null : task.live.get(u.getAttemptId());
        if (journal.fenced() || job == null || job.state != JobStatus.State.RUNNING || attempt == null) {
            log.debug("ignoring {} of attempt {} of job {}: not a live attempt", u.getState(), u.getAttemptId(), u.getJobId());
            if (!journal.fenced() && job != null && job.state == JobStatus.State.RUNNING && u.getState() == TaskUpdate.State.SUCCEEDED) {
                TaskCommitter.discard(job, u.getAttemptId()); // a loser's part file, if it wrote one
            }
            return;
        }
        switch (u.getState()) {
            case RUNNING -> {
                faults.progressed(job, u.getAttemptId(), u.getProgress());
                return;
            }
            case SUCCEEDED -> succeeded(job, task, attempt, u);
            case FAILED -> failed(job, task, attempt, u.hasError() ? u.getError()
                    : Errors.of(Error.Code.INTERNAL, "attempt " + u.getAttemptId() + " ended " + u.getState(), true));
            case KILLED -> {
                // Not killed by us (those are no longer live): its executor is shutting down. Not the
                // task's fault, so it does not count against its attempts.
                log.info("job {} attempt {} was killed on {}: rerunning it", job.jobId, u.getAttemptId(), executorId);
                endAttempt(task, attempt);
                if (task.phase == TaskState.Phase.RUNNING && task.live.isEmpty()) {
                    task.phase = TaskState.Phase.PENDING;
                }
            }
            case STATE_UNSPECIFIED, UNRECOGNIZED -> {
                log.warn("attempt {} sent an update without a state", u.getAttemptId());
                return;
            }
        }
        afterChange(job);
    }

    private void succeeded(JobRun job, TaskState task, TaskState.Attempt attempt, TaskUpdate u) {
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

    private void failed(JobRun job, TaskState task, TaskState.Attempt attempt, Error error) {
        endAttempt(task, attempt);
        task.failures++;
        if (task.firstError == null) {
            task.firstError = error;
        }
        log.warn("job {} attempt {} failed ({} of {}): {}", job.jobId, attempt.attemptId(), task.failures,
                job.maxAttempts, Errors.describe(error));
        if (job.failures.record(new AttemptFailures.Failure(task.taskId, attempt.attemptId(), attempt.executorId(), error))) {
            log.warn("job {}: {} tasks failed on executor {}: it gets no more attempts of the job", job.jobId,
                    AttemptFailures.TASKS_TO_EXCLUDE, attempt.executorId());
        }
        if (task.phase == TaskState.Phase.SUCCEEDED) {
            return;
        }
        if (!error.getRetriable() || task.failures >= job.maxAttempts) {
            task.phase = TaskState.Phase.FAILED;
            String why = error.getRetriable() ? "failed " + task.failures + " attempts" : "failed and cannot be retried";
            finish(job, JobStatus.State.FAILED, task.firstError.toBuilder()
                    .setMessage("task " + task.taskId + " " + why + "; first error: " + task.firstError.getMessage())
                    .build());
        } else if (task.live.isEmpty()) {
            task.phase = TaskState.Phase.PENDING;
        }
    }

    private void endAttempt(TaskState task, TaskState.Attempt attempt) {
        task.live.remove(attempt.attemptId());
        pool.released(attempt.executorId());
    }

    private void afterChange(JobRun job) {
        if (job.state == JobStatus.State.RUNNING && job.mapsDone() && job.reducesDone()) {
            try {
                OutputCommitter.commit(job);
                finish(job, JobStatus.State.SUCCEEDED, null);
            } catch (IOException e) {
                finish(job, JobStatus.State.FAILED, Errors.of(Error.Code.IO_ERROR,
                        "committing the output of job " + job.jobId + " to " + job.output + " failed: " + e, false, e));
            }
        }
        notifyListeners(job);
        schedule();
    }

    /** Ends a job: stops its attempts, tells every executor to drop its files, settles the output. */
    private void finish(JobRun job, JobStatus.State state, Error error) {
        job.state = state;
        job.error = error;
        job.finishMillis = clock.millis();
        job.tasks().forEach(t -> {
            t.live.values().forEach(a -> {
                dispatcher.kill(a.executorId(), job.jobId, a.attemptId());
                pool.released(a.executorId());
            });
            t.live.clear();
        });
        pool.ids().forEach(e -> dispatcher.kill(e, job.jobId, ""));
        if (state != JobStatus.State.SUCCEEDED) {
            try {
                OutputCommitter.abort(job);
            } catch (IOException e) {
                log.warn("job {}: cannot remove temporary output under {}: {}", job.jobId, job.tempDir, e.toString());
            }
        }
        log.info("job {} {}{}", job.jobId, state, error == null ? "" : ": " + Errors.describe(error));
        journal.jobEnded(job);
        while (jobs.size() > FINISHED_JOBS_KEPT && jobs.values().iterator().next().state != JobStatus.State.RUNNING) {
            jobs.remove(jobs.keySet().iterator().next());
        }
    }

    private void notifyListeners(JobRun job) {
        broadcaster.publish(job.status());
    }

    private List<JobRun> running() {
        return jobs.values().stream().filter(j -> j.state == JobStatus.State.RUNNING).toList();
    }

    /** Fills free slots, then tells listeners what changed. */
    private void schedule() {
        if (journal.fenced()) {
            return; // deposed: the new leader schedules
        }
        if (!paused) {
            launcher.fillSlots(running());
        }
        running().forEach(this::notifyListeners);
    }

    /**
     * While paused (the leader's ZooKeeper connection is suspended: it may be about to lose office)
     * nothing is launched; updates are still taken in. Resuming fills the free slots at once.
     */
    public void setPaused(boolean pause) {
        paused = pause;
        if (!pause) {
            schedule();
        }
    }
}
