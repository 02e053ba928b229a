package dev.quern.jar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quern.api.Job;
import dev.quern.job.EngineOptions;
import dev.quern.job.JobSpecs;
import dev.quern.local.LocalCluster;
import dev.quern.proto.Error;
import dev.quern.proto.JobSpec;
import dev.quern.proto.JobStatus;
import dev.quern.testing.Corpus;
import dev.quern.testing.JavaJars;
import dev.quern.testing.Outputs;
import dev.quern.wire.QuernException;
import dev.quern.workflow.JobSubmitter;
import dev.quern.workflow.WorkflowListener;
import dev.quern.workflow.WorkflowResult;
import dev.quern.zk.ZkPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Job jars compiled here against the API's classes only, shipped to a real embedded cluster
 * (ZooKeeper, coordinator, two executors, Netty) and checked against plain Java oracles.
 */
class JobJarEndToEndTest {

    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    static Path dir;

    private static LocalCluster cluster;
    private static CuratorFramework zk;
    private static Path text;

    @BeforeAll
    static void start() throws Exception {
        cluster = LocalCluster.builder().executors(2).jobTimeout(JOB_TIMEOUT).start();
        zk = CuratorFrameworkFactory.newClient(cluster.zkConnect(), new RetryOneTime(100));
        zk.start();
        zk.blockUntilConnected();
        text = new Corpus(11, 500).write(dir.resolve("text.txt"), 600_000, "\n");
    }

    @AfterAll
    static void stop() throws Exception {
        zk.close();
        cluster.close();
    }

    private static Map<String, Long> counts(Path out, int reducers) throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        Outputs.parts(out, reducers).forEach(part -> part.forEach(line -> {
            String[] kv = line.split("\t");
            assertThat(counts.put(kv[0], Long.parseLong(kv[1]))).as("key %s twice", kv[0]).isNull();
        }));
        return counts;
    }

    /** The oracle: the words of the text, split as the jobs split them, keyed and counted in plain Java. */
    private static Map<String, Long> oracle(Function<String, String> key) throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        for (String line : Files.readAllLines(text)) {
            for (String word : line.split("\\s+")) {
                if (!word.isEmpty()) {
                    counts.merge(key.apply(word), 1L, Long::sum);
                }
            }
        }
        return counts;
    }

    private static Job onlyJob(JobJar jar, String tool, Path out, int reducers) throws Exception {
        return jar.tool(tool).plan(List.of(text.toString(), out.toString()), reducers).steps().get(0).job();
    }

    @Test
    void theDocsExampleBuiltAsAJarRunsOnTheExecutors() throws Exception {
        String source = JobJarSources.docBlocks("java").stream().filter(s -> s.contains("class WordLengths"))
                .findFirst().orElseThrow();
        Path jarFile = JavaJars.compile(dir, "word-lengths-1.0.jar", Map.of("com.example.wordlengths.WordLengths", source));
        assertThatThrownBy(() -> Class.forName("com.example.wordlengths.WordLengths"))
                .as("the job's classes are in the jar only").isInstanceOf(ClassNotFoundException.class);
        Path out = dir.resolve("lengths");

        WorkflowResult result;
        try (JobJar jar = JobJar.open(jarFile)) {
            result = cluster.run(jar.tool("com.example.wordlengths.WordLengths")
                    .plan(List.of(text.toString(), out.toString()), 2), WorkflowListener.NONE, jar);
            String cached = jar.sha256() + ".jar";
            assertThat(IntStream.range(0, 2).mapToObj(i -> cluster.executorWorkDir(i).resolve("jars").resolve(cached)))
                    .as("an executor cached the jar it ran").anyMatch(Files::exists);
        }

        assertThat(result.succeeded()).as(result.toString()).isTrue();
        assertThat(counts(out, 2)).isEqualTo(oracle(w -> Long.toString(w.codePointCount(0, w.length())))).isNotEmpty();
    }

    @Test
    void twoJarsWithTheSameClassNamesRunAtOnceEachWithItsOwnClasses() throws Exception {
        Path upperJar = JavaJars.compile(dir, "tag-upper.jar", JobJarSources.tagJob("word.toUpperCase(java.util.Locale.ROOT)"));
        Path reverseJar = JavaJars.compile(dir, "tag-reverse.jar",
                JobJarSources.tagJob("new StringBuilder(word).reverse().toString()"));
        Path upperOut = dir.resolve("upper");
        Path reverseOut = dir.resolve("reverse");
        try (JobJar upper = JobJar.open(upperJar); JobJar reverse = JobJar.open(reverseJar)) {
            // Small splits: several maps per job, so each executor runs attempts of both jobs.
            JobSpec upperSpec = small(upper.stamp(JobSpecs.toSpec(onlyJob(upper, "com.acme.TagTool", upperOut, 2))));
            JobSpec reverseSpec = small(reverse.stamp(JobSpecs.toSpec(onlyJob(reverse, "com.acme.TagTool", reverseOut, 2))));
            cluster.client().upload(upper);
            cluster.client().upload(reverse);

            var first = cluster.client().submit(upperSpec, s -> {});
            var second = cluster.client().submit(reverseSpec, s -> {});

            assertThat(first.await(JOB_TIMEOUT).getState()).isEqualTo(JobStatus.State.SUCCEEDED);
            assertThat(second.await(JOB_TIMEOUT).getState()).isEqualTo(JobStatus.State.SUCCEEDED);
        }
        assertThat(counts(upperOut, 2)).isEqualTo(oracle(w -> w.toUpperCase(Locale.ROOT)));
        assertThat(counts(reverseOut, 2)).isEqualTo(oracle(w -> new StringBuilder(w).reverse().toString()));
    }

    private static JobSpec small(JobSpec spec) {
        return spec.toBuilder().putConfiguration(EngineOptions.SPLIT_SIZE, Long.toString(100_000)).build();
    }

    @Test
    void aClassMissingFromTheJarOrOfTheWrongKindIsRefusedAtSubmitNamingClassAndJar() throws Exception {
        Path jarFile = JavaJars.compile(dir, "tag-refused.jar", JobJarSources.tagJob("word + \"!\""));
        Path out = dir.resolve("refused");
        try (JobJar jar = JobJar.open(jarFile)) {
            cluster.client().upload(jar);
            JobSpec good = jar.stamp(JobSpecs.toSpec(onlyJob(jar, "com.acme.TagTool", out, 1)));
            JobSpec missing = good.toBuilder().setInputs(0, good.getInputs(0).toBuilder().setMapperClass("com.acme.Missing")).build();
            JobSpec wrongKind = good.toBuilder().setInputs(0, good.getInputs(0).toBuilder().setMapperClass("com.acme.Sum")).build();
            JobSpec notUploaded = good.toBuilder().setJarSha256("0".repeat(64)).build();

            assertThatThrownBy(() -> cluster.client().submit(missing, s -> {})).isInstanceOf(QuernException.class)
                    .satisfies(e -> assertThat(((QuernException) e).error().getCode()).isEqualTo(Error.Code.INVALID_ARGUMENT))
                    .hasMessageContaining("com.acme.Missing was not found")
                    .hasMessageContaining("job jar tag-refused.jar (sha256 " + jar.sha256().substring(0, 12) + ")");
            assertThatThrownBy(() -> cluster.client().submit(wrongKind, s -> {})).isInstanceOf(QuernException.class)
                    .hasMessageContaining("mapper of input 0 com.acme.Sum is not a Mapper")
                    .hasMessageContaining("job jar tag-refused.jar");
            assertThatThrownBy(() -> cluster.client().submit(notUploaded, s -> {})).isInstanceOf(QuernException.class)
                    .satisfies(e -> assertThat(((QuernException) e).error().getCode()).isEqualTo(Error.Code.NOT_FOUND))
                    .hasMessageContaining("0".repeat(64) + " is not stored in the cluster");
        }
        assertThat(out).as("a refused job leaves no output").doesNotExist();
    }

    @Test
    void theSameJarSubmittedTwiceIsStoredOnce() throws Exception {
        Path jarFile = JavaJars.compile(dir, "tag-twice.jar", JobJarSources.tagJob("word.toLowerCase(java.util.Locale.ROOT)"));
        ZkPaths paths = new ZkPaths(cluster.zkRoot());
        try (JobJar jar = JobJar.open(jarFile)) {
            String sha = jar.sha256();
            assertThat(zk.checkExists().forPath(paths.jar(sha))).as("not stored before the first submit").isNull();
            JobSubmitter submitter = cluster.submitter(jar);
            Path out1 = dir.resolve("twice-1");
            Path out2 = dir.resolve("twice-2");

            assertThat(submitter.submit(onlyJob(jar, "com.acme.TagTool", out1, 1), s -> {}).await().getState())
                    .isEqualTo(JobStatus.State.SUCCEEDED);
            List<String> stored = zk.getChildren().forPath(paths.jar(sha));
            Stat ready = zk.checkExists().forPath(paths.jarReady(sha));
            Stat chunk = zk.checkExists().forPath(paths.jarChunk(sha, 0));
            assertThat(submitter.submit(onlyJob(jar, "com.acme.TagTool", out2, 1), s -> {}).await().getState())
                    .isEqualTo(JobStatus.State.SUCCEEDED);

            assertThat(stored).containsExactlyInAnyOrder("chunk-0000", "ready");
            assertThat(zk.getChildren().forPath(paths.jar(sha))).isEqualTo(stored);
            assertThat(zk.checkExists().forPath(paths.jarReady(sha)).getMzxid()).isEqualTo(ready.getMzxid());
            assertThat(zk.checkExists().forPath(paths.jarChunk(sha, 0)).getMzxid()).isEqualTo(chunk.getMzxid());
            assertThat(cluster.client().upload(jar)).as("the cluster has it: no upload").isFalse();
            assertThat(counts(out1, 1)).isEqualTo(counts(out2, 1)).isEqualTo(oracle(w -> w.toLowerCase(Locale.ROOT)));
        }
    }
}
