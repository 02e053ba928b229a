package dev.quern.coordinator.job;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.job.TaskIds;
import dev.quern.proto.Counter;
import dev.quern.proto.Error;
import dev.quern.proto.ExecutorInfo;
import dev.quern.proto.JobStatus;
import dev.quern.proto.MapOutputLocation;
import dev.quern.proto.ReduceTask;
import dev.quern.proto.TaskResult;
import dev.quern.proto.TaskUpdate;
import dev.quern.wire.Errors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A job manager wired to fakes, and the executor's side of the conversation: each helper plays one
 * event the way an executor would send it. Executor {@code eN} is at {@code host-eN}, shuffle port
 * {@code 7000 + N}.
 */
final class JobHarness {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-01T12:00:00Z"), ZoneOffset.UTC);

    final FakeDispatcher dispatcher = new FakeDispatcher();
    final MemoryJournal journal = new MemoryJournal();
    final RecordingListener listener = new RecordingListener();
    final JobManager manager;
    final Path dir;
    final Path output;
    String jobId;
    int deposed;

    JobHarness(Path dir) {
        this(dir, CLOCK);
    }

    /** With a clock of the test's own (the tick's timeouts and speculation read it). */
    JobHarness(Path dir, Clock clock) {
        this.dir = dir;
        this.output = dir.resolve("out");
        this.manager = new JobManager(dispatcher, journal, 0, JobHarness.class.getClassLoader(), clock, () -> deposed++);
    }

    static ExecutorInfo executor(String id, int slots) {
        return ExecutorInfo.newBuilder().setExecutorId(id).setHost("host-" + id).setControlPort(6000 + number(id))
                .setShufflePort(7000 + number(id)).setSlots(slots).build();
    }

    private static int number(String id) {
        return Integer.parseInt(id.substring(1));
    }

    void ready(String id, int slots, String... runningAttempts) {
        manager.executorReady(executor(id, slots), List.of(runningAttempts));
    }

    /** Submits a job with one map per input line, writing into {@link #output}. */
    String submit(int maps, int reduces) throws Exception {
        return submit(maps, reduces, Map.of());
    }

    /** Submits a job with one map per input line and these configuration options. */
    String submit(int maps, int reduces, Map<String, String> options) throws Exception {
        Path input = TestJobs.input(dir.resolve("input.txt"), maps);
        jobId = manager.submit(TestJobs.spec(input, output, reduces).putAllConfiguration(options).build(), listener);
        return jobId;
    }

    /** Submits one more job (its own input and output); {@link #jobId} still names the first. */
    String submitAnother(int maps, int reduces) throws Exception {
        String n = "another-" + (journal.records.size() + 1);
        Path input = TestJobs.input(dir.resolve(n + ".txt"), maps);
        return manager.submit(TestJobs.spec(input, dir.resolve(n), reduces).build(), new RecordingListener());
    }

    JobStatus status() {
        return manager.status(jobId).orElseThrow();
    }

    FakeDispatcher.Launch launch(String attemptId) {
        return launch(null, attemptId);
    }

    /** The launch of {@code attemptId} of job {@code job} (null: of any job). */
    FakeDispatcher.Launch launch(String job, String attemptId) {
        List<FakeDispatcher.Launch> found = dispatcher.launches.stream().filter(l -> l.attemptId().equals(attemptId)
                && (job == null || l.assignment().getJobId().equals(job))).toList();
        assertThat(found).as("launches of %s in %s", attemptId, dispatcher.launched()).hasSize(1);
        return found.get(0);
    }

    /** Bytes map {@code m} wrote for partition {@code r}: distinct for every pair. */
    static long partitionLength(int map, int reduce) {
        return 100L * (map + 1) + reduce;
    }

    /** Where the executor that ran {@code attemptId} serves its output, as the reduces must be told. */
    MapOutputLocation location(String attemptId) {
        FakeDispatcher.Launch l = launch(attemptId);
        ExecutorInfo where = executor(l.executorId(), 1);
        return mapOutput(l).toBuilder().setMapIndex(index(attemptId)).setExecutorId(where.getExecutorId())
                .setHost(where.getHost()).setShufflePort(where.getShufflePort()).build();
    }

    /** What the executor reports: only the attempt and the partition lengths, not where it is. */
    private static MapOutputLocation mapOutput(FakeDispatcher.Launch l) {
        MapOutputLocation.Builder out = MapOutputLocation.newBuilder().setAttemptId(l.attemptId());
        for (int r = 0; r < l.assignment().getJob().getNumReducers(); r++) {
            out.addPartitionLengths(partitionLength(index(l.attemptId()), r));
        }
        return out.build();
    }

    void succeedMap(String attemptId, Counter... counters) {
        succeedMapOf(null, attemptId, counters);
    }

    void succeedMapOf(String job, String attemptId, Counter... counters) {
        FakeDispatcher.Launch l = launch(job, attemptId);
        assertThat(l.assignment().hasMap()).isTrue();
        send(l, TaskUpdate.State.SUCCEEDED, TaskResult.newBuilder().addAllCounters(Arrays.asList(counters))
                .setMapOutput(mapOutput(l)).build(), null);
    }

    /** Writes the attempt's part file where the executor would, then reports it. */
    Path succeedReduce(String attemptId, Counter... counters) throws IOException {
        FakeDispatcher.Launch l = launch(attemptId);
        Path part = writePart(l);
        send(l, TaskUpdate.State.SUCCEEDED, TaskResult.newBuilder().addAllCounters(Arrays.asList(counters))
                .setPartFile(part.toString()).build(), null);
        return part;
    }

    /** The part file a reduce attempt writes: {@code TEMP/ATTEMPT/part-r-NNNNN}, holding its attempt id. */
    static Path writePart(FakeDispatcher.Launch l) throws IOException {
        ReduceTask r = l.assignment().getReduce();
        Path part = Path.of(r.getTempDir()).resolve(l.attemptId()).resolve(TaskIds.partFile(r.getPartition()));
        Files.createDirectories(part.getParent());
        return Files.writeString(part, l.attemptId() + "\n", UTF_8);
    }

    /** A map-only job's map: writes {@code TEMP/ATTEMPT/part-m-NNNNN} holding its attempt id, then reports it. */
    Path succeedMapOnly(String attemptId, Counter... counters) throws IOException {
        FakeDispatcher.Launch l = launch(attemptId);
        Path part = Path.of(l.assignment().getMap().getTempDir()).resolve(attemptId).resolve(TaskIds.mapPartFile(index(attemptId)));
        Files.createDirectories(part.getParent());
        Files.writeString(part, attemptId + "\n", UTF_8);
        send(l, TaskUpdate.State.SUCCEEDED, TaskResult.newBuilder().addAllCounters(Arrays.asList(counters))
                .setPartFile(part.toString()).build(), null);
        return part;
    }

    void fail(String attemptId, String message, boolean retriable) {
        send(launch(attemptId), TaskUpdate.State.FAILED, null, Errors.of(Error.Code.USER_CODE_FAILED, message, retriable));
    }

    /** A RUNNING update with {@code progress}. */
    void progress(String attemptId, float progress) {
        FakeDispatcher.Launch l = launch(attemptId);
        manager.taskUpdate(l.executorId(), TaskUpdate.newBuilder().setJobId(l.assignment().getJobId())
                .setAttemptId(attemptId).setState(TaskUpdate.State.RUNNING).setProgress(progress).build());
    }

    /** An update without result or error, e.g. RUNNING or KILLED. */
    void report(String attemptId, TaskUpdate.State state) {
        send(launch(attemptId), state, null, null);
    }

    private void send(FakeDispatcher.Launch l, TaskUpdate.State state, TaskResult result, Error error) {
        TaskUpdate.Builder u = TaskUpdate.newBuilder().setJobId(l.assignment().getJobId()).setAttemptId(l.attemptId())
                .setState(state).setProgress(state == TaskUpdate.State.SUCCEEDED ? 1 : 0.5f);
        if (result != null) {
            u.setResult(result);
        }
        if (error != null) {
            u.setError(error);
        }
        manager.taskUpdate(l.executorId(), u.build());
    }

    static int index(String attemptId) {
        String task = TaskIds.taskOf(attemptId);
        return Integer.parseInt(task.substring(2));
    }

    static Counter counter(String name, long value) {
        return Counter.newBuilder().setGroup("test").setName(name).setValue(value).build();
    }

    /** Everything under {@code root}, relative, sorted: for asserting which files a job left. */
    static List<String> tree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (var walk = Files.walk(root)) {
            return walk.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }
}
