package dev.quern.coordinator.job;

import dev.quern.coordinator.scheduler.ProgressMonitor;
import dev.quern.coordinator.scheduler.Speculator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the leader's tick looks for in the running jobs: attempts whose progress stopped for the job's
 * {@code quern.task.timeout} ({@link ProgressMonitor}), and stragglers that deserve a backup attempt
 * ({@link Speculator}). It only finds them; the job manager kills and launches.
 */
final class AttemptWatch {

    record Stalled(JobRun job, TaskState task, TaskState.Attempt attempt) {}

    record Backup(JobRun job, TaskState task) {}

    private final ProgressMonitor monitor = new ProgressMonitor();

    void progressed(JobRun job, String attemptId, float progress, long nowMillis) {
        monitor.progressed(key(job, attemptId), progress, nowMillis);
    }

    /** The live attempts without progress for their job's timeout; forgets attempts that ended. */
    List<Stalled> stalled(List<JobRun> running, long nowMillis) {
        List<Stalled> stalled = new ArrayList<>();
        Set<String> live = new HashSet<>();
        for (JobRun job : running) {
            Map<String, Stalled> byKey = new HashMap<>();
            List<ProgressMonitor.Live> attempts = new ArrayList<>();
            job.tasks().forEach(task -> task.live.values().forEach(a -> {
                String key = key(job, a.attemptId());
                byKey.put(key, new Stalled(job, task, a));
                // A reduce waits for the job's maps (slow start, a map rerun): not stuck, just early.
                attempts.add(new ProgressMonitor.Live(key, a.startedMillis(), !task.isMap && !job.mapsDone()));
            }));
            live.addAll(byKey.keySet());
            monitor.stalled(attempts, job.taskTimeoutMillis, nowMillis).forEach(k -> stalled.add(byKey.get(k)));
        }
        monitor.retain(live);
        return stalled;
    }

    /** The stragglers of jobs that allow speculation, each phase (maps, reduces) judged alone. */
    static List<Backup> backups(List<JobRun> running, long nowMillis) {
        List<Backup> backups = new ArrayList<>();
        for (JobRun job : running) {
            job.speculation.ifPresent(settings -> {
                for (List<TaskState> phase : List.of(job.maps, job.reduces)) {
                    Map<String, TaskState> byId = new HashMap<>();
                    List<Long> finished = new ArrayList<>();
                    List<Speculator.Running> runningTasks = new ArrayList<>();
                    for (TaskState t : phase) {
                        if (t.phase == TaskState.Phase.SUCCEEDED) {
                            finished.add(t.durationMillis);
                        } else if (t.phase == TaskState.Phase.RUNNING && !t.live.isEmpty()) {
                            long started = t.live.values().stream().mapToLong(TaskState.Attempt::startedMillis).min().orElseThrow();
                            runningTasks.add(new Speculator.Running(t.taskId, started, t.live.size(), t.backedUp));
                            byId.put(t.taskId, t);
                        }
                    }
                    Speculator.backups(new Speculator.Phase(phase.size(), finished, runningTasks), settings, nowMillis)
                            .forEach(id -> backups.add(new Backup(job, byId.get(id))));
                }
            });
        }
        return backups;
    }

    private static String key(JobRun job, String attemptId) {
        return job.jobId + "/" + attemptId;
    }
}
