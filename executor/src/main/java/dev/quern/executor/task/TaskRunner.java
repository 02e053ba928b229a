package dev.quern.executor.task;

import dev.quern.executor.logs.AttemptLogs;
import dev.quern.executor.logs.AttemptOutput;
import dev.quern.executor.map.MapMemoryPool;
import dev.quern.executor.map.MapTask;
import dev.quern.executor.reduce.FetchFailureReporter;
import dev.quern.executor.reduce.MapOutputFeed;
import dev.quern.executor.reduce.ReduceTask;
import dev.quern.executor.shuffle.fetch.FetchException;
import dev.quern.jar.JarLoaders;
import dev.quern.proto.Error;
import dev.quern.proto.MapOutputsAvailable;
import dev.quern.proto.TaskAssignment;
import dev.quern.proto.TaskResult;
import dev.quern.proto.TaskUpdate;
import dev.quern.wire.Errors;
import java.io.InterruptedIOException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs attempts on a fixed pool of slot threads and reports each one's end as a {@link TaskUpdate}.
 * A failure is classified for the coordinator: the user's code, a fetch, or the engine.
 */
public final class TaskRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TaskRunner.class);

    /**
     * A launched attempt. {@code claimed} is taken by whoever decides its fate first: the slot thread
     * about to run it, or a kill that comes before it starts. {@code ended} completes once its
     * thread has let go of it (or it was never run), so its files can be deleted safely. A reduce
     * attempt's {@code feed} takes the map outputs the leader announces, from its launch on.
     */
    private record Running(String jobId, Future<?> future, AtomicBoolean claimed, CompletableFuture<Void> ended,
            MapOutputFeed feed) {}

    private final TaskEnvironment env;
    private final JarLoaders jars;
    private final Consumer<TaskUpdate> updates;
    private final FetchFailureReporter fetchFailures;
    private final ExecutorService pool;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final AttemptLogs logs;

    /** {@code jars} gives each attempt its job's classes: the job jar's loader, or the daemon's. */
    public TaskRunner(int slots, TaskEnvironment env, JarLoaders jars, Consumer<TaskUpdate> updates,
            FetchFailureReporter fetchFailures) {
        this.env = env;
        this.jars = jars;
        this.logs = new AttemptLogs(env.workDir());
        this.updates = updates;
        this.fetchFailures = fetchFailures;
        this.pool = Executors.newFixedThreadPool(slots, r -> {
            Thread t = new Thread(r, "quern-task");
            t.setDaemon(true);
            return t;
        });
    }

    public void launch(TaskAssignment a) {
        String key = key(a.getJobId(), a.getAttemptId());
        // Recorded before it can run, so that its own removal at the end always finds it.
        AtomicBoolean claimed = new AtomicBoolean();
        CompletableFuture<Void> ended = new CompletableFuture<>();
        MapOutputFeed feed = a.hasReduce() ? new MapOutputFeed() : null;
        FutureTask<Void> task = new FutureTask<>(() -> {
            if (claimed.compareAndSet(false, true)) {
                try {
                    run(a, feed);
                } finally {
                    ended.complete(null);
                }
            }
        }, null);
        running.put(key, new Running(a.getJobId(), task, claimed, ended, feed));
        try {
            pool.execute(task);
        } catch (RuntimeException e) {
            running.remove(key);
            throw e;
        }
    }

    /** Hands map outputs to the reduce attempt they are for; dropped if it has ended (or is not a reduce). */
    public void mapOutputs(MapOutputsAvailable message) {
        Running r = running.get(key(message.getJobId(), message.getAttemptId()));
        if (r == null || r.feed() == null) {
            log.debug("map outputs for {} of job {} dropped: no such reduce attempt running", message.getAttemptId(),
                    message.getJobId());
            return;
        }
        r.feed().offer(message);
    }

    /** Runs the attempt with what its thread prints going to the attempt's own log. */
    private void run(TaskAssignment a, MapOutputFeed feed) {
        OutputStream attemptLog;
        try {
            attemptLog = logs.create(a.getJobId(), a.getAttemptId());
        } catch (IOException | IllegalArgumentException e) {
            log.warn("job {} attempt {}: no attempt log ({}); what it prints goes to the daemon's", a.getJobId(), a.getAttemptId(),
                    e.toString());
            runAttempt(a, feed, OutputStream.nullOutputStream());
            return;
        }
        AttemptOutput.bind(attemptLog);
        try {
            runAttempt(a, feed, attemptLog);
        } finally {
            AttemptOutput.unbind();
            try {
                attemptLog.close();
            } catch (IOException e) {
                log.warn("job {} attempt {}: cannot close its log: {}", a.getJobId(), a.getAttemptId(), e.toString());
            }
        }
    }

    private void runAttempt(TaskAssignment a, MapOutputFeed feed, OutputStream attemptLog) {
        String attempt = a.getAttemptId();
        TaskUpdate.Builder update = TaskUpdate.newBuilder().setJobId(a.getJobId()).setAttemptId(attempt);
        log.info("job {} attempt {} started", a.getJobId(), attempt);
        // RUNNING updates carry progress at most once a second, and only when it moved (the leader's timeout).
        ProgressListener progress = new ProgressThrottle(fraction -> updates.accept(TaskUpdate.newBuilder().setJobId(a.getJobId())
                .setAttemptId(attempt).setState(TaskUpdate.State.RUNNING).setProgress(fraction).build()),
                System::nanoTime, ProgressThrottle.INTERVAL_NANOS);
        try {
            TaskResult result = runWithJobClasses(a, feed, progress);
            update.setState(TaskUpdate.State.SUCCEEDED).setProgress(1f).setResult(result);
            log.info("job {} attempt {} succeeded", a.getJobId(), attempt);
        } catch (InterruptedException e) {
            update.setState(TaskUpdate.State.KILLED).setError(Errors.of(Error.Code.KILLED, "attempt " + attempt + " was killed", true));
            log.info("job {} attempt {} killed", a.getJobId(), attempt);
        } catch (Throwable t) {
            Error error = classify(attempt, t);
            update.setState(TaskUpdate.State.FAILED).setError(error);
            PrintStream trace = new PrintStream(attemptLog, true, StandardCharsets.UTF_8);
            trace.println("attempt " + attempt + " failed: " + error.getMessage());
            t.printStackTrace(trace);
            log.warn("job {} attempt {} failed: {}", a.getJobId(), attempt, error.getMessage());
        } finally {
            running.remove(key(a.getJobId(), attempt));
        }
        updates.accept(update.build());
    }

    /**
     * Runs the attempt with its job's class loader, also as the thread's context loader (for user
     * code that looks classes up by name). Fetching the jar may fail: an IO_ERROR, retried.
     */
    private TaskResult runWithJobClasses(TaskAssignment a, MapOutputFeed feed, ProgressListener progress) throws Exception {
        JarLoaders.Lease lease;
        try {
            lease = jars.acquire(a.getJob());
        } catch (InterruptedIOException e) {
            throw new InterruptedException("attempt " + a.getAttemptId() + " was killed while its job jar was fetched");
        }
        try (lease) {
            TaskEnvironment attemptEnv = env.withLoader(lease.loader());
            Thread thread = Thread.currentThread();
            ClassLoader before = thread.getContextClassLoader();
            thread.setContextClassLoader(lease.loader());
            try {
                if (a.hasMap()) {
                    return MapTask.run(a, attemptEnv, progress);
                }
                // Its shuffle memory is a slot's share (MemoryShare): the map memory pool keeps a free set less.
                try (MapMemoryPool.Hold share = env.mapMemory().hold()) {
                    return ReduceTask.run(a, attemptEnv, feed, progress, fetchFailures);
                }
            } finally {
                thread.setContextClassLoader(before);
            }
        }
    }

    static Error classify(String attempt, Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof UserCodeException u) {
                Throwable user = u.getCause();
                return Errors.of(Error.Code.USER_CODE_FAILED, "attempt " + attempt + ": " + u.getMessage(), true, user);
            }
            if (c instanceof FetchException f) {
                return Errors.of(Error.Code.FETCH_FAILED, "attempt " + attempt + ": " + f.getMessage(), true, f);
            }
        }
        if (t instanceof java.io.IOException) {
            return Errors.of(Error.Code.IO_ERROR, "attempt " + attempt + ": " + t, true, t);
        }
        if (t instanceof IllegalArgumentException) {
            return Errors.of(Error.Code.INVALID_ARGUMENT, "attempt " + attempt + ": " + t.getMessage(), false, t);
        }
        return Errors.of(Error.Code.INTERNAL, "attempt " + attempt + ": " + t, true, t);
    }

    /**
     * Stops one attempt, or every attempt of the job when {@code attemptId} is empty. The result
     * completes when all of them have stopped.
     */
    public CompletableFuture<Void> kill(String jobId, String attemptId) {
        List<CompletableFuture<Void>> stopped = new ArrayList<>();
        running.forEach((key, r) -> {
            if (r.jobId().equals(jobId) && (attemptId.isEmpty() || key.equals(key(jobId, attemptId)))) {
                r.future().cancel(true);
                if (r.claimed().compareAndSet(false, true)) {
                    running.remove(key); // it never started and never will
                    r.ended().complete(null);
                }
                stopped.add(r.ended());
            }
        });
        return CompletableFuture.allOf(stopped.toArray(new CompletableFuture<?>[0]));
    }

    /** Stops every attempt of every job; completes when all have stopped. */
    public CompletableFuture<Void> killAll() {
        List<CompletableFuture<Void>> stopped = running.values().stream().map(r -> r.jobId()).distinct()
                .map(job -> kill(job, "")).toList();
        return CompletableFuture.allOf(stopped.toArray(new CompletableFuture<?>[0]));
    }

    public List<String> runningAttempts() {
        return running.keySet().stream().map(k -> k.substring(k.indexOf('/') + 1)).toList();
    }

    /** The running attempts as (job id, attempt id) pairs. */
    public List<Map.Entry<String, String>> runningByJob() {
        return running.keySet().stream().map(k -> Map.entry(k.substring(0, k.indexOf('/')), k.substring(k.indexOf('/') + 1))).toList();
    }

    private static String key(String jobId, String attemptId) {
        return jobId + "/" + attemptId;
    }

    @Override
    public void close() throws InterruptedException {
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } finally {
            env.mapMemory().close(); // the executor's map memory goes with it
        }
    }
}
