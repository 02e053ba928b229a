package dev.quern.coordinator.job;

import static java.util.Objects.requireNonNull;

import dev.quern.coordinator.journal.JobJournal;
import dev.quern.job.TaskIds;
import dev.quern.proto.Error;
import dev.quern.proto.ExecutorInfo;
import dev.quern.proto.HelloAck;
import dev.quern.proto.FetchFailed;
import dev.quern.proto.JobSpec;
import dev.quern.proto.JobStatus;
import dev.quern.proto.MapOutputLocation;
import dev.quern.proto.TaskUpdate;
import dev.quern.wire.Errors;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
    private final LinkedHashMap<String, JobRun> jobs = new LinkedHashMap<>();
    private final StatusBroadcaster broadcaster = new StatusBroadcaster();
    private final TaskLauncher launcher;
    private boolean paused;
    private final MapOutputNotices notices;
    private final HelloReconciler reconciler;
    private final TaskFaults faults;
    private final AttemptResults results;
    private final JobFinisher finisher;
    private final ExecutorChanges executors;

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
        this.finisher = new JobFinisher(dispatcher, pool, this.journal, clock);
        this.results = new AttemptResults(dispatcher, pool, this.journal, notices, clock, this::finish);
        this.faults = new TaskFaults(new TaskFaults.Context(dispatcher, pool, launcher, notices, clock), new TaskFaults.Hooks() {
            @Override public void failed(JobRun job, TaskState task, TaskState.Attempt attempt, Error error) {
                results.failed(job, task, attempt, error);
            }
            @Override public MapOutputLocation mapOutputLost(JobRun job, TaskState map) { return loseMapOutput(job, map); }
            @Override public void changed(JobRun job) { afterChange(job); }
        });
        this.executors = new ExecutorChanges(pool, results, notices, new ExecutorChanges.Jobs() {
            @Override public List<JobRun> running() { return JobManager.this.running(); }
            @Override public MapOutputLocation loseMapOutput(JobRun job, TaskState map) { return JobManager.this.loseMapOutput(job, map); }
            @Override public void publish(JobRun job) { notifyListeners(job); }
            @Override public void schedule() { JobManager.this.schedule(); }
        });
    }

    /** Checks, records and starts a job; refusals name the problem and leave no output behind. */
    public String submit(JobSpec spec, JobListener listener) throws SubmitException {
        return submit(spec, loader, listener);
    }

    /** {@link #submit(JobSpec, JobListener)} of a job whose classes {@code jobLoader} loads (its job jar's). */
    public String submit(JobSpec spec, ClassLoader jobLoader, JobListener listener) throws SubmitException {
        JobRun job = JobSubmission.open(spec, jobLoader, journal, clock);
        String jobId = job.jobId;
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
        executors.membersKnown(isMember);
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

    /** An executor answered hello, listing the attempts it is running: see {@link ExecutorChanges#ready}. */
    public void executorReady(ExecutorInfo info, List<String> runningAttempts) {
        executors.ready(info, runningAttempts);
    }

    /** An executor is gone: its running attempts are rerun, and so are its map outputs still needed. */
    public void executorLost(String executorId) {
        executors.lost(executorId);
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
            case SUCCEEDED -> results.succeeded(job, task, attempt, u);
            case FAILED -> results.failed(job, task, attempt, u.hasError() ? u.getError()
                    : Errors.of(Error.Code.INTERNAL, "attempt " + u.getAttemptId() + " ended " + u.getState(), true));
            case KILLED -> {
                // Not killed by us (those are no longer live): its executor is shutting down. Not the
                // task's fault, so it does not count against its attempts.
                log.info("job {} attempt {} was killed on {}: rerunning it", job.jobId, u.getAttemptId(), executorId);
                results.requeue(task, attempt);
            }
            case STATE_UNSPECIFIED, UNRECOGNIZED -> {
                log.warn("attempt {} sent an update without a state", u.getAttemptId());
                return;
            }
        }
        afterChange(job);
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

    /** Ends a job ({@link JobFinisher}) and forgets the oldest ended jobs beyond the ones kept. */
    private void finish(JobRun job, JobStatus.State state, Error error) {
        finisher.finish(job, state, error);
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
