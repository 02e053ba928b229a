package dev.quern.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.api.Job;
import dev.quern.client.JobHandle;
import dev.quern.examples.WordCount;
import dev.quern.examples.probes.FaultProbe;
import dev.quern.job.EngineOptions;
import dev.quern.job.JobSpecs;
import dev.quern.job.TaskIds;
import dev.quern.proto.JobStatus;
import dev.quern.testing.Corpus;
import dev.quern.testing.Outputs;
import dev.quern.testing.ProcessCluster;
import dev.quern.testing.SequentialRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One fault test's job: WordCount through {@link FaultProbe} on a generated corpus, with a directory
 * where every attempt leaves its trace, submitted to a {@link ProcessCluster} and followed through
 * its status. The oracle is plain WordCount run by {@link SequentialRunner} on the same input.
 */
final class FaultJob {

    static final int REDUCERS = 3;

    final Path input;
    final Path output;
    final Path traces;
    private final Job.Builder builder;
    private final AtomicReference<JobStatus> latest = new AtomicReference<>();
    private JobHandle handle;

    /** {@code bytes} of text (from {@code seed}) cut into splits of {@code splitBytes}. */
    FaultJob(Path dir, long seed, long bytes, long splitBytes) throws IOException {
        input = dir.resolve("corpus");
        output = dir.resolve("out");
        traces = Files.createDirectories(dir.resolve("traces"));
        new Corpus(seed, 2000).write(input.resolve("a.txt"), bytes, "\n");
        builder = Job.builder("fault-probe").input(input).output(output).mapper(FaultProbe.ProbeMapper.class)
                .combiner(WordCount.SumReducer.class).reducer(FaultProbe.ProbeReducer.class)
                .mapOutput(String.class, Long.class).reducers(REDUCERS)
                .set(EngineOptions.SPLIT_SIZE, Long.toString(splitBytes))
                .set("probe.log.dir", traces.toString());
    }

    FaultJob set(String key, String value) {
        builder.set(key, value);
        return this;
    }

    FaultJob submit(ProcessCluster cluster) throws Exception {
        handle = cluster.client().submit(JobSpecs.toSpec(builder.build()), latest::set);
        return this;
    }

    /** The last status heard (never null after the first one arrives). */
    JobStatus status() {
        JobStatus s = latest.get();
        return s == null ? JobStatus.getDefaultInstance() : s;
    }

    JobStatus await(Duration timeout) throws Exception {
        return handle.await(timeout);
    }

    /** Waits for the job's end and checks that it succeeded with the oracle's output. */
    JobStatus awaitAndCheck(ProcessCluster cluster, Duration timeout) throws Exception {
        JobStatus end = handle.await(timeout);
        assertThat(end.getState()).as(() -> "job " + end.getJobId() + ": " + end.getError().getMessage() + "\n" + cluster.describe())
                .isEqualTo(JobStatus.State.SUCCEEDED);
        List<List<String>> parts = Outputs.parts(output, REDUCERS);
        Outputs.assertSortedAndPartitioned(parts);
        assertThat(parts).isEqualTo(oracle(input, output));
        return end;
    }

    /** Plain WordCount of {@code input}, computed sequentially, as R part files. */
    static List<List<String>> oracle(Path input, Path output) throws Exception {
        return SequentialRunner.run(WordCount.job(List.of(input.toString(), output.toString()), REDUCERS));
    }

    /** Every attempt that started, and the pid of the executor it ran on: attempt id to pid. */
    Map<String, Long> attempts() {
        try (Stream<Path> files = Files.list(traces)) {
            Map<String, Long> out = new TreeMap<>();
            for (Path f : files.toList()) {
                String pid = Files.readString(f).trim();
                if (!pid.isEmpty()) { // being written
                    out.put(f.getFileName().toString(), Long.parseLong(pid));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The attempts of {@code taskId} that started, in attempt order. */
    List<String> attemptsOf(String taskId) {
        return attempts().keySet().stream().filter(a -> TaskIds.taskOf(a).equals(taskId)).toList();
    }

    /** Which executor of {@code cluster} ran {@code attemptId} (by pid). */
    static int executorOf(ProcessCluster cluster, long pid, int executors) {
        for (int i = 0; i < executors; i++) {
            if (cluster.executor(i).pid() == pid) {
                return i;
            }
        }
        throw new AssertionError("no executor of the cluster has pid " + pid + "\n" + cluster.describe());
    }

    /** How many attempts of each task started: task id to count. */
    Map<String, Long> attemptsPerTask() {
        return attempts().keySet().stream().collect(Collectors.groupingBy(TaskIds::taskOf, TreeMap::new, Collectors.counting()));
    }
}
