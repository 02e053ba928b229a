package dev.quern.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.testing.DaemonProcess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mr zookeeper|coordinator|executor} as a user meets them: help, bad settings, an unreachable ZooKeeper. */
class DaemonCommandsTest {

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
    void eachDaemonExplainsItsSettings() {
        Run zookeeper = mr("zookeeper", "--help");
        assertThat(zookeeper.code()).isZero();
        assertThat(zookeeper.out()).contains("Usage: mr zookeeper", "--port=PORT", "--data-dir=DIR", "--tick=DURATION", "--config=FILE");

        Run coordinator = mr("coordinator", "--help");
        assertThat(coordinator.code()).isZero();
        assertThat(coordinator.out()).contains("Usage: mr coordinator", "--zk=HOSTS", "--port=PORT", "--host=ADDRESS",
                "--zk-timeout=DURATION", "--session-timeout=DURATION");

        Run executor = mr("executor", "--help");
        assertThat(executor.code()).isZero();
        assertThat(executor.out()).contains("Usage: mr executor", "--zk=HOSTS", "--slots=N", "--work-dir=DIR",
                "--advertise-host=ADDRESS", "QUERN_WORK_DIR", "A flag wins over the");

        assertThat(mr("--help").out()).contains("zookeeper", "coordinator", "executor", "local");
    }

    @Test
    void badSettingsExitTwoNamingEachProblemBeforeAnythingStarts() {
        Run run = mr("executor", "--zk", "127.0.0.1:1", "--slots", "0", "--zk-timeout", "15", "--host", "0.0.0.0");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("mr executor: 3 problems with the settings:",
                "slots must be a whole number in [1, 1024], got '0' (from --slots)",
                "zk-timeout must be a positive duration like 500ms, 15s or 2m, got '15' (from --zk-timeout)",
                "give --advertise-host when --host is the wildcard address 0.0.0.0");
        assertThat(run.out()).doesNotContain("ready");

        Run missingConfig = mr("zookeeper", "--config", dir.resolve("missing.properties").toString());
        assertThat(missingConfig.code()).isEqualTo(2);
        assertThat(missingConfig.err()).contains("cannot read config file " + dir.resolve("missing.properties"));

        assertThat(mr("executor", "--no-such-flag").code()).isEqualTo(2);
    }

    @Test
    void anUnreachableZooKeeperEndsTheStartWithinTheDeadline() throws Exception {
        List<String> unreachable = List.of("--zk", "127.0.0.1:1", "--zk-timeout", "2s");
        long start = System.nanoTime();
        DaemonProcess executor = DaemonProcess.start("executor", "128m",
                concat("executor", unreachable, "--work-dir", dir.resolve("work").toString()), dir.resolve("executor.log"));
        DaemonProcess coordinator = DaemonProcess.start("coordinator", "128m", concat("coordinator", unreachable), dir.resolve("coordinator.log"));
        // Without the deadline Curator would go on retrying: 2 s, plus a JVM start on a busy machine.
        assertThat(executor.awaitExit(Duration.ofSeconds(20))).as(executor::describe).isEqualTo(1);
        assertThat(coordinator.awaitExit(Duration.ofSeconds(20))).as(coordinator::describe).isEqualTo(1);
        System.out.printf("both exited %d ms after the start%n", (System.nanoTime() - start) / 1_000_000);
        assertThat(executor.output()).contains("mr executor: cannot reach ZooKeeper at 127.0.0.1:1 within 2 s").doesNotContain("ready:");
        assertThat(coordinator.output()).contains("mr coordinator: cannot reach ZooKeeper at 127.0.0.1:1 within 2 s")
                .doesNotContain("Exception");
    }

    private static List<String> concat(String role, List<String> args, String... more) {
        List<String> all = new java.util.ArrayList<>(List.of(role));
        all.addAll(args);
        all.addAll(List.of(more));
        return all;
    }
}
