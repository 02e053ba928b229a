package dev.quern.coordinator.job;

import dev.quern.coordinator.scheduler.SlowStart;
import dev.quern.coordinator.scheduler.Speculator;
import dev.quern.job.EngineOptions;
import dev.quern.job.FaultOptions;
import dev.quern.job.TaskIds;
import dev.quern.proto.Counter;
import dev.quern.proto.Error;
import dev.quern.proto.JobProgress;
import dev.quern.proto.JobSpec;
import dev.quern.proto.JobStatus;
import dev.quern.proto.MapOutputLocation;
import dev.quern.proto.Split;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The state of one job on the leader: its tasks, their attempts, and where it is in its life.
 *
 * <pre>
 *  RUNNING (maps, then reduces: see SlowStart) ----------> SUCCEEDED (output committed)
 *     |                                                \-> FAILED (a task failed max times; the
 *     |                                                            first root cause is kept)
 *     \------------------------------------------------> KILLED
 * </pre>
 */
final class JobRun {

    final String jobId;
    final JobSpec spec;
    final Path output;
    final Path tempDir;
    final long submitMillis;
    final int maxAttempts;
    final double slowstart;
    final long taskTimeoutMillis;
    final Optional<Speculator.Settings> speculation; // empty: the job's tasks must run once (side effects)
    final FetchFailures fetchFailures = new FetchFailures();
    final AttemptFailures failures = new AttemptFailures();
    final List<TaskState> maps = new ArrayList<>();
    final List<TaskState> reduces = new ArrayList<>();
    final Map<String, TaskState> byTaskId = new LinkedHashMap<>();
    // Maps a previous leader finished whose executor has not yet said hello to confirm it holds the output.
    final Set<String> unconfirmedMaps = new HashSet<>();
    JobStatus.State state = JobStatus.State.RUNNING;
    Error error;
    long finishMillis;

    JobRun(String jobId, JobSpec spec, List<Split> splits, long submitMillis) {
        this.jobId = jobId;
        this.spec = spec;
        this.output = Path.of(spec.getOutput());
        this.tempDir = output.resolve("_temporary").resolve(jobId);
        this.submitMillis = submitMillis;
        this.maxAttempts = EngineOptions.maxAttempts(spec.getConfigurationMap());
        this.slowstart = EngineOptions.reduceSlowstart(spec.getConfigurationMap());
        Map<String, String> conf = spec.getConfigurationMap();
        this.taskTimeoutMillis = FaultOptions.taskTimeoutMillis(conf);
        this.speculation = FaultOptions.speculation(conf) ? Optional.of(new Speculator.Settings(
                FaultOptions.speculationSlowness(conf), FaultOptions.speculationMinMillis(conf))) : Optional.empty();
        for (int i = 0; i < splits.size(); i++) {
            add(maps, new TaskState(TaskIds.mapTask(i), true, i, Optional.of(splits.get(i))));
        }
        for (int r = 0; r < spec.getNumReducers(); r++) {
            add(reduces, new TaskState(TaskIds.reduceTask(r), false, r, Optional.empty()));
        }
    }

    private void add(List<TaskState> list, TaskState t) {
        list.add(t);
        byTaskId.put(t.taskId, t);
    }

    /** No reducers: each map writes a part file of the job's output, committed like a reduce's. */
    boolean mapOnly() {
        return spec.getNumReducers() == 0;
    }

    /** The tasks whose part files make the output: the reduces, or the maps of a map-only job. */
    List<TaskState> outputTasks() {
        return mapOnly() ? maps : reduces;
    }

    boolean mapsDone() {
        return maps.stream().allMatch(t -> t.phase == TaskState.Phase.SUCCEEDED);
    }

    boolean reducesDone() {
        return reduces.stream().allMatch(t -> t.phase == TaskState.Phase.SUCCEEDED);
    }

    /** True if a map a previous leader finished on {@code executorId} is not yet confirmed there. */
    boolean hasUnconfirmedMapsOn(String executorId) {
        return unconfirmedMaps.stream().anyMatch(t -> executorId.equals(byTaskId.get(t).winningExecutor));
    }

    boolean hasPendingMaps() {
        return maps.stream().anyMatch(t -> t.phase == TaskState.Phase.PENDING);
    }

    /**
     * Tasks that can be launched now: pending maps, and pending reduces once {@link SlowStart} lets
     * them start ({@code anyMapPending}: whether a map of any running job waits for a slot).
     */
    Stream<TaskState> waiting(boolean anyMapPending) {
        Stream<TaskState> m = maps.stream().filter(t -> t.phase == TaskState.Phase.PENDING);
        boolean reduces = SlowStart.reducesRunnable(slowstart, count(maps, TaskState.Phase.SUCCEEDED), maps.size(), anyMapPending);
        Stream<TaskState> r = reduces ? this.reduces.stream().filter(t -> t.phase == TaskState.Phase.PENDING) : Stream.empty();
        return Stream.concat(m, r);
    }

    /** Where the output of every map done so far is, by map index. */
    List<MapOutputLocation> knownMapOutputs() {
        return maps.stream().filter(t -> t.phase == TaskState.Phase.SUCCEEDED).map(t -> t.mapOutput).toList();
    }

    /** The live reduce attempts, as (task, attempt) pairs. */
    Stream<Map.Entry<TaskState, TaskState.Attempt>> liveReduces() {
        return reduces.stream().flatMap(t -> t.live.values().stream().map(a -> Map.entry(t, a)));
    }

    Stream<TaskState> tasks() {
        return Stream.concat(maps.stream(), reduces.stream());
    }

    JobStatus status() {
        JobStatus.Builder s = JobStatus.newBuilder()
                .setJobId(jobId).setName(spec.getName()).setState(state).setOutput(spec.getOutput())
                .setSubmitTimeMs(submitMillis).setFinishTimeMs(finishMillis)
                .setProgress(JobProgress.newBuilder()
                        .setMapsTotal(maps.size()).setMapsDone(count(maps, TaskState.Phase.SUCCEEDED))
                        .setMapsRunning(count(maps, TaskState.Phase.RUNNING))
                        .setReducesTotal(reduces.size()).setReducesDone(count(reduces, TaskState.Phase.SUCCEEDED))
                        .setReducesRunning(count(reduces, TaskState.Phase.RUNNING)))
                .addAllCounters(counters());
        if (error != null) {
            s.setError(error);
        }
        return s.build();
    }

    private static int count(List<TaskState> tasks, TaskState.Phase phase) {
        return (int) tasks.stream().filter(t -> t.phase == phase).count();
    }

    /** The sum of the counters of each task's winning attempt: a retried attempt never counts twice. */
    List<Counter> counters() {
        Map<String, Map<String, Long>> sums = new LinkedHashMap<>();
        tasks().filter(t -> t.phase == TaskState.Phase.SUCCEEDED).flatMap(t -> t.counters.stream()).forEach(c ->
                sums.computeIfAbsent(c.getGroup(), g -> new LinkedHashMap<>()).merge(c.getName(), c.getValue(), Long::sum));
        List<Counter> out = new ArrayList<>();
        sums.forEach((group, names) -> names.forEach((name, value) ->
                out.add(Counter.newBuilder().setGroup(group).setName(name).setValue(value).build())));
        return out;
    }
}
