package dev.quern.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.job.EngineCounters;
import dev.quern.proto.Counter;
import dev.quern.proto.JobProgress;
import dev.quern.proto.JobStatus;
import dev.quern.testing.DaemonProcess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The client commands without a cluster: help, usage errors, the progress line, a daemon's log file. */
@Timeout(60)
class ClientCommandsTest {

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {}

    private static Run mr(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void everyClientCommandHasHelp() {
        assertThat(mr("--help").out()).contains("submit", "jobs", "status", "kill", "logs", "cluster");
        assertThat(mr("submit", "--help").out()).contains("Usage: mr submit", "--zk=HOSTS", "--detach", "--jar=JOBJAR",
                "--connect-timeout=DURATION", "QUERN_ZK");
        assertThat(mr("logs", "--help").out()).contains("Usage: mr logs", "JOBID", "[TASK]");
        assertThat(mr("cluster", "up", "--help").out()).contains("--executors", "--coordinators", "--dir=DIR", "--zk-port");
        assertThat(mr("cluster", "down", "--help").out()).contains("--dir=DIR", "--grace");
        assertThat(mr("cluster", "up", "--help").out()).doesNotContain("--exit-with");
    }

    @Test
    void usageErrorsExitTwoBeforeAnyConnection() throws Exception {
        Run jar = mr("submit", "--zk", "127.0.0.1:1", "--jar", "job.jar", "wordcount", "a", "b");
        assertThat(jar.code()).isEqualTo(2);
        assertThat(jar.err()).contains("--jar is not yet supported", "job.jar");

        Run timeout = mr("jobs", "--zk", "127.0.0.1:1", "--connect-timeout", "soon");
        assertThat(timeout.code()).isEqualTo(2);
        assertThat(timeout.err()).contains("--connect-timeout", "must be a positive duration like 500ms, 10s or 2m, got 'soon'");

        // A chain has two jobs to run: --detach refuses it, naming the workflow.
        Path log = Files.writeString(dir.resolve("access.log"), "1.2.3.4 - - [x] \"GET /a HTTP/1.1\" 200 1\n");
        Run chain = mr("submit", "--zk", "127.0.0.1:1", "--detach", "topurls", log.toString(), dir.resolve("top").toString());
        assertThat(chain.code()).isEqualTo(2);
        assertThat(chain.err()).contains("--detach submits one job, and workflow topurls has 2 steps to run");

        Run badCluster = mr("cluster", "up", "--executors", "0", "--dir", dir.resolve("c").toString());
        assertThat(badCluster.code()).isEqualTo(2);
        assertThat(dir.resolve("c")).doesNotExist();
        Run downNothing = mr("cluster", "down", "--dir", dir.resolve("none").toString());
        assertThat(downNothing.code()).isZero();
        assertThat(downNothing.out()).contains("stopped: 0 process(es)");
    }

    @Test
    void downNeverSignalsAProcessThatIsNotAQuernDaemonAndDropsStalePidFiles() throws Exception {
        Path pids = Files.createDirectories(dir.resolve("c/pids"));
        Process other = new ProcessBuilder("sleep", "60").start(); // a reused pid: alive, but not ours
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        try {
            Files.writeString(pids.resolve("executor-0.pid"), other.pid() + "\n");
            Files.writeString(pids.resolve("zookeeper.pid"), gone.pid() + "\n");
            Files.writeString(pids.resolve("coordinator-0.pid"), "12ab\n");
            Run bad = mr("cluster", "down", "--dir", dir.resolve("c").toString());
            assertThat(bad.code()).isEqualTo(1);
            assertThat(bad.err()).isEqualTo("mr cluster down: pid file " + pids.resolve("coordinator-0.pid") + " holds '12ab', not a process id\n");

            Files.delete(pids.resolve("coordinator-0.pid"));
            Run down = mr("cluster", "down", "--dir", dir.resolve("c").toString());
            assertThat(down.code()).as(down.err()).isZero();
            assertThat(down.out()).contains("stopped: 0 process(es)");
            assertThat(other.isAlive()).isTrue();
            try (var left = Files.list(pids)) {
                assertThat(left).isEmpty();
            }
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void theProgressLineShowsEachPhaseWithPercentAndBytes() {
        JobStatus s = JobStatus.newBuilder().setJobId("job-0000000007").setState(JobStatus.State.RUNNING)
                .setProgress(JobProgress.newBuilder().setMapsTotal(8).setMapsDone(3).setMapsRunning(2)
                        .setReducesTotal(2).setReducesDone(0).setReducesRunning(1))
                .addCounters(Counter.newBuilder().setGroup(EngineCounters.GROUP).setName(EngineCounters.MAP_INPUT_BYTES).setValue(3 * 1024 * 1024 + 512 * 1024))
                .addCounters(Counter.newBuilder().setGroup("user").setName(EngineCounters.MAP_INPUT_BYTES).setValue(1))
                .build();
        assertThat(ProgressPrinter.describe(s))
                .isEqualTo("job-0000000007 RUNNING  map 3/8 (2 running) 37% 3.5 MiB  reduce 0/2 (1 running) 0% 0 B");
        assertThat(ProgressPrinter.bytes(1023)).isEqualTo("1023 B");
        assertThat(ProgressPrinter.bytes(1536)).isEqualTo("1.5 KiB");
    }

    @Test
    void aProgressLineIsPrintedOnlyWhenSomethingBesidesTheTimeChanged() {
        StringWriter err = new StringWriter();
        ProgressPrinter printer = new ProgressPrinter(new dev.quern.workflow.WorkflowListener() {}, new PrintWriter(err), false);
        JobStatus s = JobStatus.newBuilder().setJobId("job-1").setState(JobStatus.State.RUNNING)
                .setProgress(JobProgress.newBuilder().setMapsTotal(2).setReducesTotal(1)).build();
        printer.status(null, s);
        printer.status(null, s);
        printer.status(null, s.toBuilder().setProgress(s.getProgress().toBuilder().setMapsRunning(1)).build());
        assertThat(err.toString().lines()).hasSize(2);
    }

    @Test
    void onATerminalTheLineIsRedrawnInPlaceAndEndedBeforeWhatFollows() {
        StringWriter err = new StringWriter();
        ProgressPrinter printer = new ProgressPrinter(new dev.quern.workflow.WorkflowListener() {}, new PrintWriter(err), true);
        JobStatus s = JobStatus.newBuilder().setJobId("job-1").setState(JobStatus.State.RUNNING)
                .setProgress(JobProgress.newBuilder().setMapsTotal(2).setReducesTotal(1)).build();
        printer.status(null, s);
        printer.status(null, s.toBuilder().setProgress(s.getProgress().toBuilder().setMapsDone(1)).build());
        assertThat(printer.runningJob()).isEmpty();
        printer.endLine();
        printer.endLine();
        String shown = err.toString();
        assertThat(shown).startsWith("\rjob-1 RUNNING  map 0/2").contains("\u001b[K\rjob-1 RUNNING  map 1/2 (0 running) 50%")
                .endsWith("\u001b[K" + System.lineSeparator());
        assertThat(shown.split(System.lineSeparator(), -1)).hasSize(2); // one line, ended once
    }

    @Test
    void aDaemonAlsoLogsToAFileInItsLogDir() throws Exception {
        Path logs = dir.resolve("logs");
        DaemonProcess zk = DaemonProcess.start("zookeeper", "64m", List.of("zookeeper", "--port", "0"), dir.resolve("zookeeper.out"));
        DaemonProcess coordinator = null;
        try {
            zk.awaitReady(Duration.ofSeconds(60));
            coordinator = DaemonProcess.start("coordinator", "128m", List.of("coordinator", "--zk", zk.id(), "--log-dir",
                    logs.toString()), dir.resolve("coordinator.out"));
            coordinator.awaitReady(Duration.ofSeconds(60));
            List<Path> files;
            try (var list = Files.list(logs)) {
                files = list.toList();
            }
            long pid = coordinator.pid();
            assertThat(files).singleElement().satisfies(f -> assertThat(f.getFileName().toString())
                    .matches("coordinator-.+-" + pid + "\\.log"));
            // The same lines as stdout, with the date.
            assertThat(read(files.get(0))).containsPattern("\\d{4}-\\d\\d-\\d\\d [0-9:.]+ INFO .* coordinator c-\\S+ started");
            assertThat(coordinator.output()).contains("coordinator c-").contains(" started: client port ");
        } finally {
            if (coordinator != null) {
                coordinator.kill();
            }
            zk.kill();
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
