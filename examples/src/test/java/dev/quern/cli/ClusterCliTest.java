package dev.quern.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.jar.JobJarSources;
import dev.quern.testing.Corpus;
import dev.quern.testing.JavaJars;
import dev.quern.testing.Shell;
import dev.quern.testing.Wait;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;

import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster as a user drives it: {@code mr cluster up} starts ZooKeeper, a coordinator and three
 * executors, each its own JVM; jobs go through {@code mr submit}, {@code mr status}, {@code mr kill}
 * and {@code mr logs}; {@code mr cluster down} stops it all. Outputs are compared with the Unix pipeline.
 */
@Timeout(180)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterCliTest {

    private static final Duration JOB_DEADLINE = Duration.ofSeconds(90);

    // Kept when a test fails: the daemons' logs are in DIR/cluster/logs.
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;

    private Path clusterDir;
    private String zk;

    private record Run(int code, String out, String err) {}

    private static Run mr(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    void up() throws IOException {
        clusterDir = dir.resolve("cluster");
        Run up = mr("cluster", "up", "--dir", clusterDir.toString(), "--zk-port", "0", "--coordinators", "1",
                "--executors", "3", "--slots", "2", "--timeout", "90", "--exit-with", Long.toString(ProcessHandle.current().pid()));
        assertThat(up.code()).as(up.err()).isZero();
        zk = Files.readString(clusterDir.resolve("zk")).strip();
        assertThat(up.out()).contains("cluster up in " + clusterDir, "ZooKeeper " + zk, "3 executor(s)");
        try (Stream<Path> pids = Files.list(clusterDir.resolve("pids"))) {
            assertThat(pids.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "zookeeper.pid", "coordinator-0.pid", "executor-0.pid", "executor-1.pid", "executor-2.pid");
        }
    }

    @AfterAll
    void killLeftovers() throws Exception {
        // The last test stops the cluster through the CLI; this only covers a run that failed before it.
        if (clusterDir == null) {
            return;
        }
        for (ClusterLayout.Member m : new ClusterLayout(clusterDir).members()) {
            m.live().ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private Path corpus(String name, int files, long bytesEach) throws IOException {
        Path in = dir.resolve(name);
        Corpus text = new Corpus(7, 1500);
        for (int i = 0; i < files; i++) {
            text.write(in.resolve("part-" + i + ".txt"), bytesEach, i % 2 == 0 ? "\n" : "\r\n");
        }
        return in;
    }

    private static List<String> output(Path out) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> parts = Files.list(out)) {
            for (Path p : parts.filter(f -> f.getFileName().toString().startsWith("part-r-")).sorted().toList()) {
                lines.addAll(Files.readAllLines(p, StandardCharsets.UTF_8));
            }
        }
        return lines.stream().sorted().toList();
    }

    @Test
    @Order(1)
    void wordCountSubmittedThroughTheCliEqualsTheUnixPipeline() throws Exception {
        Path in = corpus("text", 4, 60_000);
        Path out = dir.resolve("counts");
        Run run = mr("submit", "--zk", zk, "--reducers", "3", "wordcount", in.toString(), out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("job job-\\d+ SUCCEEDED in [0-9.]+ s, output in " + Pattern.quote(out.toString()))
                .contains("counters:", "map input records", "reduce output records");
        // Live progress, a line per change: map 0/4 first, both phases complete at the end.
        assertThat(run.err()).containsPattern("RUNNING  map 0/4 \\(\\d running\\) 0% 0 B")
                .containsPattern("SUCCEEDED  map 4/4 \\(0 running\\) 100% [0-9.]+ KiB  reduce 3/3 \\(0 running\\) 100%");

        List<String> unix = Shell.lines(dir, "cat " + Shell.quote(in) + "/* | tr -s '[:space:]' '\\n' | { grep -v '^$' || true; }"
                + " | LC_ALL=C sort | uniq -c | awk '{print $2 \"\\t\" $1}' | LC_ALL=C sort");
        assertThat(unix).hasSizeGreaterThan(500);
        assertThat(output(out)).isEqualTo(unix);
    }

    @Test
    @Order(1)
    void aToolFromAJobJarRunsOnTheClusterAndAMissingClassInTheJarIsRefused() throws Exception {
        // The jar is compiled here against the API only: the executors find com.acme.* nowhere but in it.
        Path jar = JavaJars.compile(dir, "tag.jar", JobJarSources.tagJob("word.toUpperCase(java.util.Locale.ROOT)"));
        Path in = corpus("jar-text", 2, 40_000);
        Path out = dir.resolve("tagged");
        Run run = mr("submit", "--zk", zk, "--jar", jar.toString(), "--reducers", "2", "com.acme.TagTool", in.toString(), out.toString());
        assertThat(run.code()).as(run.err()).isZero();

        Map<String, Long> oracle = new TreeMap<>();
        try (Stream<Path> files = Files.list(in)) {
            for (Path f : files.toList()) {
                for (String word : Files.readString(f).split("\\s+")) {
                    if (!word.isEmpty()) {
                        oracle.merge(word.toUpperCase(Locale.ROOT), 1L, Long::sum);
                    }
                }
            }
        }
        assertThat(output(out)).isEqualTo(oracle.entrySet().stream().map(e -> e.getKey() + "\t" + e.getValue()).sorted().toList());

        Run missing = mr("submit", "--zk", zk, "--jar", jar.toString(), "com.acme.Nope", in.toString(), dir.resolve("nope").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("com.acme.Nope", jar.toString());
        assertThat(dir.resolve("nope")).doesNotExist();
    }

    @Test
    @Order(2)
    void aDetachedJobIsFollowedWithStatusAndJobsAndItsPrintsAreInItsLogs() throws Exception {
        Path in = corpus("probe-in", 3, 4_000);
        Path out = dir.resolve("probe-out");
        Run submit = mr("submit", "--zk", zk, "--detach", PrintingProbe.class.getName(), in.toString(), out.toString());
        assertThat(submit.code()).as(submit.err()).isZero();
        String jobId = submit.out().strip();
        assertThat(jobId).matches("job-\\d+");

        Wait.until(jobId + " to succeed", JOB_DEADLINE, () -> mr("status", "--zk", zk, jobId).out().contains("SUCCEEDED"));
        Run status = mr("status", "--zk", zk, jobId);
        assertThat(status.out()).contains("job " + jobId + " 'printing-probe' SUCCEEDED", "map        3/3 done, 0 running",
                "output     " + out, "counters quern:", "map input records");
        long lines = Shell.lines(dir, "cat " + Shell.quote(in) + "/* | wc -l").stream().mapToLong(l -> Long.parseLong(l.strip())).sum();
        assertThat(output(out)).containsExactly("lines\t" + lines);

        assertThat(mr("jobs", "--zk", zk).out()).containsPattern(Pattern.quote(jobId) + " +SUCCEEDED +printing-probe +3/3 +1/1");

        Run logs = mr("logs", "--zk", zk, jobId);
        assertThat(logs.code()).as(logs.err()).isZero();
        for (int m = 0; m < 3; m++) {
            String attempt = String.format("m-%05d", m);
            assertThat(logs.out()).containsPattern("==> " + jobId + " " + attempt + "\\.\\S+ on e-\\d+ \\(127.0.0.1\\) <==")
                    .containsPattern(Pattern.quote(PrintingProbe.OUT_LINE) + attempt + "\\.")
                    .containsPattern(Pattern.quote(PrintingProbe.ERR_LINE) + attempt + "\\.");
        }
        Run oneTask = mr("logs", "--zk", zk, jobId, "m-00001");
        assertThat(oneTask.code()).as(oneTask.err()).isZero();
        assertThat(oneTask.out()).contains(PrintingProbe.OUT_LINE + "m-00001.").doesNotContain("m-00000", "r-00000");
        // The daemon's own log keeps the engine's lines; the user's prints are only in the attempt's log.
        String executorLogs = readAll(clusterDir.resolve("logs"), "executor-");
        assertThat(executorLogs).contains("job " + jobId + " attempt m-00001").doesNotContain(PrintingProbe.OUT_LINE);
    }

    @Test
    @Order(2)
    void aFailedJobExitsOneAndItsAttemptLogsHoldTheStackTrace() throws Exception {
        Path in = corpus("fail-in", 1, 2_000);
        Path out = dir.resolve("fail-out");
        Run run = mr("submit", "--zk", zk, "dev.quern.examples.probes.FailingWordCount", in.toString(), out.toString());
        assertThat(run.code()).as(run.out()).isEqualTo(1);
        assertThat(run.err()).containsPattern("job job-\\d+ FAILED: task m-00000 failed")
                .contains("probe: this mapper always fails");
        assertThat(out).doesNotExist();
        Matcher id = Pattern.compile("job (job-\\d+) FAILED").matcher(run.err());
        assertThat(id.find()).isTrue();

        Run logs = mr("logs", "--zk", zk, id.group(1), "m-00000");
        assertThat(logs.code()).as(logs.err()).isZero();
        // Every attempt's log (on whichever executor ran it) ends with its failure and the user's stack trace.
        assertThat(logs.out().split("==> ", -1)).hasSizeGreaterThan(1);
        assertThat(logs.out()).contains("java.lang.IllegalStateException: probe: this mapper always fails",
                "at dev.quern.examples.probes.FailingMapper.map");
    }

    @Test
    @Order(3)
    void aKilledJobStopsAndLeavesNoOutputAndNoTemporaryFiles() throws Exception {
        Path in = corpus("slow-in", 3, 20_000);
        Path out = dir.resolve("slow-out");
        // An attached submit in its own JVM, stopped (SIGTERM, as Ctrl-C would) once the maps run: the job runs on.
        Path submitErr = dir.resolve("submit.err");
        Process submit = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "submit", "--zk", zk,
                PrintingProbe.class.getName(), in.toString(), out.toString(), "50")
                .redirectError(submitErr.toFile()).redirectOutput(dir.resolve("submit.out").toFile()).start();
        try {
            Wait.until("the attached submit to show running maps", JOB_DEADLINE,
                    () -> read(submitErr).matches("(?s).*RUNNING  map 0/3 \\([1-9] running\\).*"));
        } finally {
            submit.destroy();
        }
        assertThat(submit.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        Matcher stopped = Pattern.compile("mr submit: stopped watching; job (job-\\d+) runs on \\(mr status \\1, mr kill \\1\\)")
                .matcher(read(submitErr));
        assertThat(stopped.find()).as(read(submitErr)).isTrue();
        String jobId = stopped.group(1);
        assertThat(mr("status", "--zk", zk, jobId).out()).containsPattern("map +0/3 done, [1-9] running");
        assertThat(out.resolve("_temporary")).exists();

        Run kill = mr("kill", "--zk", zk, jobId);
        assertThat(kill.code()).as(kill.err()).isZero();
        assertThat(kill.out()).isEqualTo("job " + jobId + " KILLED\n");
        assertThat(mr("status", "--zk", zk, jobId).out()).contains("job " + jobId + " 'printing-probe' KILLED", "was killed by a client");

        Wait.until(out + " to be removed", Duration.ofSeconds(30), () -> !Files.exists(out));
        for (int i = 0; i < 3; i++) {
            Path jobFiles = clusterDir.resolve("executor-" + i).resolve("jobs").resolve(jobId);
            Wait.until(jobFiles + " to be removed", Duration.ofSeconds(30), () -> !Files.exists(jobFiles));
        }
        assertThat(mr("kill", "--zk", zk, jobId).out()).isEqualTo("job " + jobId + " had already ended: KILLED\n");
    }

    @Test
    @Order(4)
    void unknownIdsMissingClassesAndWrongAddressesAreClearErrors() throws Exception {
        Run status = mr("status", "--zk", zk, "job-9999999999");
        assertThat(status.code()).isEqualTo(2);
        assertThat(status.err()).contains("mr status: no job with id 'job-9999999999'");
        assertThat(mr("kill", "--zk", zk, "nope").err()).contains("mr kill: no job with id 'nope'");

        Path missingOut = dir.resolve("never");
        Run missing = mr("submit", "--zk", zk, "com.example.NoSuchTool", dir.toString(), missingOut.toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("mr submit: unknown job 'com.example.NoSuchTool'", "no class com.example.NoSuchTool");
        assertThat(mr("submit", "--zk", zk, "--detach", "wordcount", dir.resolve("no-input").toString(), missingOut.toString()).code())
                .isEqualTo(2);
        assertThat(missingOut).doesNotExist();

        long start = System.nanoTime();
        Run wrongZk = mr("submit", "--zk", "127.0.0.1:1", "--connect-timeout", "2s", "wordcount", dir.resolve("text").toString(),
                missingOut.toString());
        assertThat(wrongZk.code()).isEqualTo(1);
        assertThat(wrongZk.err()).contains("mr submit: cannot reach ZooKeeper at 127.0.0.1:1 within 2 s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        assertThat(missingOut).doesNotExist();

        Run noLeader = mr("jobs", "--zk", zk, "--zk-root", "/elsewhere", "--connect-timeout", "1s");
        assertThat(noLeader.code()).isEqualTo(1);
        assertThat(noLeader.err()).contains("mr jobs: no Quern coordinator is leader", "is a coordinator running?");
    }

    @Test
    @Order(5)
    void upRefusesARunningClusterAndDownStopsEveryProcess() throws Exception {
        Run again = mr("cluster", "up", "--dir", clusterDir.toString(), "--zk-port", "0");
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("a cluster is already running in " + clusterDir);

        List<ClusterLayout.Member> members = new ClusterLayout(clusterDir).members();
        assertThat(members).hasSize(5);
        Run down = mr("cluster", "down", "--dir", clusterDir.toString());
        assertThat(down.code()).as(down.out() + down.err()).isZero();
        assertThat(down.out()).contains("stopped: 5 process(es)");
        for (ClusterLayout.Member m : members) {
            assertThat(ProcessHandle.of(m.pid()).map(ProcessHandle::isAlive)).as(m.name()).isNotEqualTo(java.util.Optional.of(true));
        }
        try (Stream<Path> pids = Files.list(clusterDir.resolve("pids"))) {
            assertThat(pids).isEmpty();
        }
        // A SIGTERM closes a daemon cleanly: the executor says so in its log (and in its work dir's copy).
        assertThat(Files.readString(clusterDir.resolve("logs/executor-0.log"))).containsPattern("executor e-\\d+ closed");
        assertThat(Files.readString(clusterDir.resolve("executor-0/executor.log"))).containsPattern("executor e-\\d+ closed");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    private static String readAll(Path logs, String prefix) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
                all.append(Files.readString(f));
            }
        }
        return all.toString();
    }

}
