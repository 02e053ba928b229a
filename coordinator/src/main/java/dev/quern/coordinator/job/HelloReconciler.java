package dev.quern.coordinator.job;

import dev.quern.job.TaskIds;
import dev.quern.proto.AttemptRef;
import dev.quern.proto.HelloAck;
import dev.quern.proto.JobStatus;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Squares what an executor says in its hello with what this leader believes: after a failover the
 * two differ. A map output a previous leader journaled on this executor is kept only if the executor
 * still holds it; attempts this leader did not launch are killed (they hold slots, and their
 * reports are not listened to); the files of jobs that ended meanwhile are dropped.
 */
final class HelloReconciler {

    private static final Logger log = LoggerFactory.getLogger(HelloReconciler.class);

    private final Dispatcher dispatcher;

    HelloReconciler(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** {@code lost} hears each journaled map whose output the executor no longer holds. */
    void reconcile(Map<String, JobRun> jobs, String executorId, HelloAck ack, BiConsumer<JobRun, TaskState> lost) {
        Set<String> held = new HashSet<>();
        ack.getMapOutputsList().forEach(h -> held.add(h.getJobId() + "/" + h.getAttemptId()));
        for (JobRun job : jobs.values()) {
            if (job.state != JobStatus.State.RUNNING) {
                continue;
            }
            for (String taskId : List.copyOf(job.unconfirmedMaps)) {
                TaskState task = job.byTaskId.get(taskId);
                if (task.phase != TaskState.Phase.SUCCEEDED || !executorId.equals(task.winningExecutor)) {
                    continue;
                }
                job.unconfirmedMaps.remove(taskId);
                if (!held.contains(job.jobId + "/" + task.mapOutput.getAttemptId())) {
                    log.info("job {}: executor {} no longer holds the output of map {}: rerunning it", job.jobId, executorId, taskId);
                    lost.accept(job, task);
                }
            }
        }
        for (AttemptRef r : ack.getRunningList()) {
            if (!isLive(jobs, r.getJobId(), r.getAttemptId())) {
                log.info("killing attempt {} of job {} on {}: not launched by this leader", r.getAttemptId(), r.getJobId(), executorId);
                dispatcher.kill(executorId, r.getJobId(), r.getAttemptId());
            }
        }
        Set<String> ended = new HashSet<>();
        for (AttemptRef h : ack.getMapOutputsList()) {
            JobRun job = jobs.get(h.getJobId());
            if ((job == null || job.state != JobStatus.State.RUNNING) && ended.add(h.getJobId())) {
                dispatcher.kill(executorId, h.getJobId(), ""); // ended while no leader could say so: drop its files
            }
        }
    }

    private static boolean isLive(Map<String, JobRun> jobs, String jobId, String attemptId) {
        JobRun job = jobs.get(jobId);
        TaskState task = job == null || !TaskIds.isAttempt(attemptId) ? null : job.byTaskId.get(TaskIds.taskOf(attemptId));
        return task != null && job.state == JobStatus.State.RUNNING && task.live.containsKey(attemptId);
    }
}
