package dev.quern.coordinator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.client.JobHandle;
import dev.quern.executor.shuffle.RawPeer;
import dev.quern.job.EngineOptions;
import dev.quern.proto.InputSpec;
import dev.quern.proto.JobSpec;
import dev.quern.proto.JobStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reduces that start early on a real cluster: three executors of one slot, a job of two maps whose
 * second map waits for the test ({@link GatedMapper}), and slow start at one half.
 */
@Timeout(120)
class SlowStartClusterTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private MiniCluster cluster;
    private final List<JobStatus> statuses = new CopyOnWriteArrayList<>();
    private Map<String, Long> expected;

    @BeforeEach
    void start() throws Exception {
        GatedMapper.reset();
        cluster = new MiniCluster(dir.resolve("cluster"), 3);
    }

    @AfterEach
    void stop() throws Exception {
        GatedMapper.open(); // never leave a slot thread waiting
        cluster.close();
    }

    /** 20 lines of 5 bytes, split into two maps of 10 lines; {@link #expected} counts them. */
    private JobSpec.Builder job(Map<String, String> options) throws IOException {
        StringBuilder text = new StringBuilder();
        expected = new TreeMap<>();
        for (int i = 0; i < 20; i++) {
            String word = String.format("w%03d", i * 7 % 6);
            text.append(word).append('\n');
            expected.merge(word, 1L, Long::sum);
        }
        Path input = Files.writeString(dir.resolve("input.txt"), text, StandardCharsets.UTF_8);
        return JobSpec.newBuilder().setName("slow-start")
                .addInputs(InputSpec.newBuilder().addPaths(input.toString()).setFormat(InputSpec.Format.TEXT)
                        .setMapperClass(GatedMapper.class.getName()))
                .setOutput(dir.resolve("out").toString())
                .setReducerClass(GatedMapper.CountReducer.class.getName()).setNumReducers(2)
                .setMapOutputKeyType(String.class.getName()).setMapOutputValueType(Long.class.getName())
                .setOutputKeyType(String.class.getName()).setOutputValueType(Long.class.getName())
                .putConfiguration(EngineOptions.SPLIT_SIZE, "50")
                .putConfiguration(EngineOptions.REDUCE_SLOWSTART, "0.5")
                .putAllConfiguration(options);
    }

    @Test
    void aReduceStartsBeforeTheLastMapFinishesAndLearnsWhereItsOutputIs() throws Exception {
        // One attempt per task: the early reduce attempts themselves must finish, not a rerun.
        JobHandle job = cluster.client.submit(job(Map.of(EngineOptions.MAX_ATTEMPTS, "1")).build(), statuses::add);

        awaitStatus("both reduces running while a map is not done",
                s -> s.getProgress().getMapsDone() == 1 && s.getProgress().getReducesRunning() == 2);
        assertThat(statuses).as("nothing can finish before the gate opens").allMatch(s -> s.getState() == JobStatus.State.RUNNING);

        GatedMapper.open();
        assertSucceeded(job.await(DEADLINE));
        assertWorkDirsClean(job.jobId(), List.of(0, 1, 2));
    }

    @Test
    void aLostMapOutputPreemptsAWaitingReduceForItsRerun() throws Exception {
        // Segments to disk, so the test can see that each reduce has fetched the first map's output.
        JobHandle job = cluster.client.submit(job(Map.of(EngineOptions.SHUFFLE_MEMORY, "0")).build(), statuses::add);
        awaitStatus("both reduces running while a map is not done",
                s -> s.getProgress().getMapsDone() == 1 && s.getProgress().getReducesRunning() == 2);
        RawPeer.awaitCondition("both reduces have fetched the first map's segment", DEADLINE, () -> segmentsFetched(job.jobId()) == 2);
        int lost = cluster.executorWith(job.jobId(), "m-00000.e1.1");
        assertThat(lost).isNotNegative();

        // Its output goes with it. The other two slots hold the gated map and a reduce waiting for
        // both maps: only preempting that reduce lets the first map run again before the gate opens.
        int before = statuses.size();
        cluster.executors.get(lost).close();
        RawPeer.awaitCondition("the first map is lost and then done again, while the gated map still runs", DEADLINE, () -> {
            // A copy: a sub-list of a CopyOnWriteArrayList throws once the list grows under it.
            List<JobStatus> all = List.copyOf(statuses);
            List<JobStatus> after = all.subList(before, all.size());
            int gone = indexOf(after, s -> s.getProgress().getMapsDone() == 0);
            return gone >= 0 && indexOf(after.subList(gone, after.size()), s -> s.getProgress().getMapsDone() == 1) >= 0;
        });

        GatedMapper.open();
        assertSucceeded(job.await(DEADLINE));
        assertWorkDirsClean(job.jobId(), Stream.of(0, 1, 2).filter(i -> i != lost).toList());
    }

    private void assertSucceeded(JobStatus end) throws IOException {
        assertThat(end.getState()).as("job ended %s: %s", end.getState(), end.getError().getMessage())
                .isEqualTo(JobStatus.State.SUCCEEDED);
        Map<String, Long> counts = new TreeMap<>();
        for (int r = 0; r < 2; r++) {
            for (String line : Files.readAllLines(dir.resolve("out").resolve(String.format("part-r-%05d", r)))) {
                String[] kv = line.split("\t");
                assertThat(counts.put(kv[0], Long.parseLong(kv[1]))).as("key %s once", kv[0]).isNull();
            }
        }
        assertThat(counts).isEqualTo(expected);
    }

    /** Reduce attempts of the job holding a fetched segment file, over every executor. */
    private long segmentsFetched(String jobId) throws IOException {
        long n = 0;
        for (Path work : cluster.workDirs) {
            Path jobDir = work.resolve("jobs").resolve(jobId);
            if (!Files.isDirectory(jobDir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(jobDir)) {
                n += files.filter(p -> p.getFileName().toString().endsWith(".segment"))
                        .filter(p -> p.getParent().getFileName().toString().startsWith("r-")).count();
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof NoSuchFileException)) {
                    throw e;
                }
                return -1; // a file renamed or deleted under the walk (a fetch finishing): not counted; look again
            }
        }
        return n;
    }

    private void assertWorkDirsClean(String jobId, List<Integer> executors) throws Exception {
        RawPeer.awaitCondition("the executors delete the files of " + jobId, DEADLINE, () -> executors.stream()
                .noneMatch(i -> Files.exists(cluster.workDirs.get(i).resolve("jobs").resolve(jobId))));
    }

    private static int indexOf(List<JobStatus> list, Predicate<JobStatus> p) {
        for (int i = 0; i < list.size(); i++) {
            if (p.test(list.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private void awaitStatus(String what, Predicate<JobStatus> p) throws Exception {
        RawPeer.awaitCondition(what, DEADLINE, () -> statuses.stream().anyMatch(p));
    }
}
