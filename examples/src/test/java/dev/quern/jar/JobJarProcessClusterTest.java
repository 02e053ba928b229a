package dev.quern.jar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.api.Job;
import dev.quern.client.JobHandle;
import dev.quern.job.EngineOptions;
import dev.quern.job.JobSpecs;
import dev.quern.proto.JobSpec;
import dev.quern.proto.JobStatus;
import dev.quern.testing.Corpus;
import dev.quern.testing.JavaJars;
import dev.quern.testing.Outputs;
import dev.quern.testing.ProcessCluster;
import dev.quern.testing.Wait;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job jar on daemons in their own JVMs: the executors find the classes only in the jar, and the
 * jar outlives its leader (it is in ZooKeeper, so the next leader loads it without a new upload).
 */
@Timeout(180)
class JobJarProcessClusterTest {

    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(90);
    private static final String TOOL = "com.example.wordlengths.WordLengths";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void theDocsJarRunsOnExecutorProcessesBeforeAndAfterTheLeaderDies() throws Exception {
        String source = JobJarSources.docBlocks("java").stream().filter(s -> s.contains("class WordLengths")).findFirst().orElseThrow();
        Path jarFile = JavaJars.compile(dir, "word-lengths-1.0.jar", Map.of(TOOL, source));
        Path text = new Corpus(5, 800).write(dir.resolve("text.txt"), 200_000, "\n");
        Map<String, Long> oracle = new TreeMap<>();
        for (String line : Files.readAllLines(text)) {
            for (String word : line.split("\\s+")) {
                if (!word.isEmpty()) {
                    oracle.merge(Long.toString(word.codePointCount(0, word.length())), 1L, Long::sum);
                }
            }
        }
        try (ProcessCluster cluster = ProcessCluster.builder(dir.resolve("cluster")).coordinators(2).executors(2)
                .sessionTimeout(Duration.ofSeconds(3)).start();
                JobJar jar = JobJar.open(jarFile)) {
            assertThat(cluster.client().upload(jar)).isTrue();
            assertThat(run(cluster, jar, text, dir.resolve("before"))).as(cluster::describe).isEqualTo(JobStatus.State.SUCCEEDED);

            int leader = cluster.leader();
            cluster.killCoordinator(leader);
            Wait.until("the other coordinator to lead", Duration.ofSeconds(30), () -> leaderOf(cluster) == 1 - leader);

            assertThat(cluster.client().upload(jar)).as("still stored: no upload").isFalse();
            assertThat(run(cluster, jar, text, dir.resolve("after"))).as(cluster::describe).isEqualTo(JobStatus.State.SUCCEEDED);
        }
        assertThat(counts(dir.resolve("before"))).isEqualTo(oracle);
        assertThat(counts(dir.resolve("after"))).isEqualTo(oracle);
    }

    @Test
    void aJobOfAJarGoesOnUnderTheNextLeaderWhenTheLeaderDiesMidJob() throws Exception {
        Path jarFile = JavaJars.compile(dir, "gated.jar", JobJarSources.gatedTagJob("word.toUpperCase(java.util.Locale.ROOT)"));
        Path text = new Corpus(6, 300).write(dir.resolve("text.txt"), 100_000, "\n");
        Path gate = dir.resolve("gate");
        Path out = dir.resolve("out");
        Map<String, Long> oracle = new TreeMap<>();
        for (String line : Files.readAllLines(text)) {
            for (String word : line.split("\\s+")) {
                if (!word.isEmpty()) {
                    oracle.merge(word.toUpperCase(java.util.Locale.ROOT), 1L, Long::sum);
                }
            }
        }
        try (ProcessCluster cluster = ProcessCluster.builder(dir.resolve("cluster")).coordinators(2).executors(2)
                .sessionTimeout(Duration.ofSeconds(3)).start();
                JobJar jar = JobJar.open(jarFile)) {
            Job planned = jar.tool("com.acme.TagTool").plan(List.of(text.toString(), out.toString()), 2).steps().get(0).job();
            JobSpec spec = jar.stamp(JobSpecs.toSpec(planned));
            spec = spec.toBuilder().setInputs(0, spec.getInputs(0).toBuilder().setMapperClass("com.acme.GatedTag"))
                    .putConfiguration("test.gate", gate.toString()).putConfiguration(EngineOptions.SPLIT_SIZE, "30000").build();
            cluster.client().upload(jar);
            JobHandle handle = cluster.client().submit(spec, s -> {});
            Wait.until("a map attempt to start", JOB_TIMEOUT, () -> Files.isDirectory(gate) && listed(gate) > 0);

            int leader = cluster.leader();
            cluster.killCoordinator(leader);
            Wait.until("the other coordinator to lead", Duration.ofSeconds(30), () -> leaderOf(cluster) == 1 - leader);
            Files.writeString(gate.resolve("open"), "");

            JobStatus end = handle.await(JOB_TIMEOUT);
            assertThat(end.getState()).as(() -> end.getError().getMessage() + "\n" + cluster.describe()).isEqualTo(JobStatus.State.SUCCEEDED);
        }
        assertThat(counts(out)).isEqualTo(oracle);
    }

    private static long listed(Path dir) {
        try (var files = Files.list(dir)) {
            return files.count();
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static JobStatus.State run(ProcessCluster cluster, JobJar jar, Path text, Path out) throws Exception {
        Job job = jar.tool(TOOL).plan(List.of(text.toString(), out.toString()), 2).steps().get(0).job();
        JobStatus end = cluster.client().submit(jar.stamp(JobSpecs.toSpec(job)), s -> {}).await(JOB_TIMEOUT);
        return end.getState();
    }

    private static Map<String, Long> counts(Path out) throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        Outputs.parts(out, 2).forEach(part -> part.forEach(line -> counts.put(line.split("\t")[0], Long.parseLong(line.split("\t")[1]))));
        return counts;
    }

    private static int leaderOf(ProcessCluster cluster) {
        try {
            return cluster.leader();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the leader from ZooKeeper", e);
        }
    }
}
