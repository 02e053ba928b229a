package dev.quern.coordinator.job;

import dev.quern.coordinator.scheduler.Scheduler;
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
 * attempt, and records it as live. Oldest job first, each job's maps before its reduces.
 */
final class TaskLauncher {

    private static final Logger log = LoggerFactory.getLogger(TaskLauncher.class);

    private final Dispatcher dispatcher;
    private final ExecutorPool pool;
    private final Clock clock;

    TaskLauncher(Dispatcher dispatcher, ExecutorPool pool, Clock clock) {
        this.dispatcher = dispatcher;
        this.pool = pool;
        this.clock = clock;
    }

    void fillSlots(List<JobRun> running) {
        // A refused launch leaves its task waiting: place it again on the executors still reachable.
        // Ends because each refusal makes one more executor unreachable.
        while (fillRound(running)) {
            log.debug("scheduling again without the unreachable executors {}", pool.unreachable());
        }
    }

    /** One placement of the waiting tasks; true when a launch was refused. */
    private boolean fillRound(List<JobRun> running) {
        Map<String, JobRun> jobs = new LinkedHashMap<>();
        List<Scheduler.Waiting> waiting = new ArrayList<>();
        for (JobRun job : running) {
            jobs.put(job.jobId, job);
            job.waiting().forEach(t -> waiting.add(new Scheduler.Waiting(job.jobId, t.taskId)));
        }
        boolean refused = false;
        for (Scheduler.Placement p : Scheduler.decide(pool.freeSlots(), waiting)) {
            if (pool.isUnreachable(p.executorId())) {
                continue; // it became unreachable earlier in this round
            }
            JobRun job = jobs.get(p.jobId());
            TaskState task = job.byTaskId.get(p.taskId());
            String attemptId = TaskIds.attempt(task.taskId, task.attemptsStarted + 1);
            if (!dispatcher.launch(p.executorId(), Assignments.of(job, task, attemptId))) {
                // Not connected: unschedulable until it says hello again; the task waits for another slot.
                log.warn("executor {} unreachable: attempt {} not launched", p.executorId(), attemptId);
                pool.unreachable(p.executorId());
                refused = true;
                continue;
            }
            task.attemptsStarted++;
            task.phase = TaskState.Phase.RUNNING;
            task.live.put(attemptId, new TaskState.Attempt(attemptId, p.executorId(), clock.millis()));
            pool.took(p.executorId());
            log.info("job {} attempt {} launched on {}", job.jobId, attemptId, p.executorId());
        }
        return refused;
    }
}
