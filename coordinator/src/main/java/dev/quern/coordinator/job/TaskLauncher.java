package dev.quern.coordinator.job;

import dev.quern.coordinator.scheduler.Scheduler;
import dev.quern.coordinator.scheduler.SlowStart;
import dev.quern.job.TaskIds;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills free executor slots with waiting tasks: asks the {@link Scheduler} where each goes, sends the
 * attempt, and records it as live. Oldest job first, each job's maps before its reduces. When maps
 * still wait with every slot taken, preempts reduces that started early and wait for them
 * ({@link SlowStart}).
 */
final class TaskLauncher {

    private static final Logger log = LoggerFactory.getLogger(TaskLauncher.class);

    private final Dispatcher dispatcher;
    private final ExecutorPool pool;
    private final Clock clock;
    private final long epoch;
    private long launches;

    TaskLauncher(Dispatcher dispatcher, ExecutorPool pool, Clock clock, long epoch) {
        this.epoch = epoch;
        this.dispatcher = dispatcher;
        this.pool = pool;
        this.clock = clock;
    }

    void fillSlots(List<JobRun> running) {
        do {
            fill(running);
        } while (preempt(running));
    }

    private void fill(List<JobRun> running) {
        // A refused launch leaves its task waiting: place it again on the executors still reachable.
        // A placed map can make reduces runnable (early reduces wait until no map waits): place again.
        // Ends because each round either fills a slot or makes one more executor unreachable.
        while (fillRound(running)) {
            log.debug("scheduling again; unreachable executors: {}", pool.unreachable());
        }
    }

    /**
     * Kills the reduce attempts {@link SlowStart} picks to free slots for pending maps; each goes
     * back to PENDING without counting as a failure (the leader asked for it). True if any was.
     */
    private boolean preempt(List<JobRun> running) {
        List<SlowStart.Job> jobs = new ArrayList<>();
        for (JobRun job : running) {
            List<SlowStart.WaitingReduce> reduces = job.mapsDone() ? List.of() : job.liveReduces()
                    .map(e -> new SlowStart.WaitingReduce(e.getValue().attemptId(), e.getValue().launchOrder())).toList();
            int pending = (int) job.maps.stream().filter(t -> t.phase == TaskState.Phase.PENDING).count();
            jobs.add(new SlowStart.Job(job.jobId, pending, reduces));
        }
        int free = pool.freeSlots().stream().mapToInt(f -> Math.max(0, f.free())).sum();
        List<SlowStart.Preemption> preemptions = SlowStart.preemptions(free, jobs);
        for (SlowStart.Preemption p : preemptions) {
            JobRun job = running.stream().filter(j -> j.jobId.equals(p.jobId())).findFirst().orElseThrow();
            TaskState task = job.byTaskId.get(TaskIds.taskOf(p.attemptId()));
            TaskState.Attempt attempt = task.live.remove(p.attemptId());
            pool.released(attempt.executorId());
            dispatcher.kill(attempt.executorId(), job.jobId, attempt.attemptId());
            task.pendingIfIdle();
            log.info("job {} attempt {} preempted on {}: a map waits for its slot", job.jobId, attempt.attemptId(),
                    attempt.executorId());
        }
        return !preemptions.isEmpty();
    }

    /**
     * One placement of the waiting tasks; true when a launch was refused or a task was placed. Jobs
     * are placed oldest first, each on the free slots left by the ones before it, and a task never
     * on an executor its job has excluded or where it failed before, while it has another choice
     * ({@link AttemptFailures#usable}).
     */
    private boolean fillRound(List<JobRun> running) {
        Map<String, Integer> free = new LinkedHashMap<>();
        pool.freeSlots().forEach(f -> free.put(f.executorId(), f.free()));
        List<String> members = pool.ids();
        boolean anyMapPending = running.stream().anyMatch(JobRun::hasPendingMaps);
        boolean again = false;
        for (JobRun job : running) {
            // One task at a time, each on the slots left by those before it: the same placements as
            // one Scheduler.decide over them all, but each task sees only the executors it may use.
            for (TaskState task : job.waiting(anyMapPending).toList()) {
                List<Scheduler.FreeSlots> usable = new ArrayList<>();
                free.forEach((id, n) -> {
                    if (job.failures.usable(task.taskId, id, members)) {
                        usable.add(new Scheduler.FreeSlots(id, n));
                    }
                });
                for (Scheduler.Placement p : Scheduler.decide(usable, List.of(new Scheduler.Waiting(job.jobId, task.taskId)))) {
                    if (!launch(job, task, p.executorId())) {
                        return true; // unreachable now: place again, this task first, without it
                    }
                    free.merge(p.executorId(), -1, Integer::sum);
                    again = true;
                }
            }
        }
        return again;
    }

    /**
     * Launches a backup attempt of {@code task} (speculation) on a free slot of an executor that runs
     * no attempt of it and that the job has not excluded; false when there is none now.
     */
    boolean launchBackup(JobRun job, TaskState task) {
        List<String> members = pool.ids();
        List<Scheduler.FreeSlots> usable = pool.freeSlots().stream()
                .filter(f -> task.live.values().stream().noneMatch(a -> a.executorId().equals(f.executorId())))
                .filter(f -> job.failures.usable(task.taskId, f.executorId(), members))
                .toList();
        List<Scheduler.Placement> placed = Scheduler.decide(usable, List.of(new Scheduler.Waiting(job.jobId, task.taskId)));
        return !placed.isEmpty() && launch(job, task, placed.get(0).executorId());
    }

    /** Sends the task's next attempt to the executor and records it as live; false if it could not be sent. */
    private boolean launch(JobRun job, TaskState task, String executorId) {
        String attemptId = TaskIds.attempt(task.taskId, epoch, task.attemptsStarted + 1);
        if (!dispatcher.launch(executorId, Assignments.of(job, task, attemptId))) {
            // Not connected: unschedulable until it says hello again; the task waits for another slot.
            log.warn("executor {} unreachable: attempt {} not launched", executorId, attemptId);
            pool.unreachable(executorId);
            return false;
        }
        task.attemptsStarted++;
        task.phase = TaskState.Phase.RUNNING;
        task.live.put(attemptId, new TaskState.Attempt(attemptId, executorId, clock.millis(), ++launches));
        pool.took(executorId);
        log.info("job {} attempt {} launched on {}", job.jobId, attemptId, executorId);
        return true;
    }
}
