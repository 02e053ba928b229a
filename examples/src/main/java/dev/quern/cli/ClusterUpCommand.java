package dev.quern.cli;

import dev.quern.client.LeaderWatch;
import dev.quern.proto.LeaderInfo;
import dev.quern.zk.ZkClients;
import dev.quern.zk.ZkPaths;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.curator.framework.CuratorFramework;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mr cluster up}: starts ZooKeeper, waits for it, starts every coordinator and executor at
 * once, and returns when each printed its ready line and a coordinator leads (or fails, stopping
 * what it started, at the deadline).
 */
@Command(name = "up", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Start a development cluster in the background: mr zookeeper, then the coordinators and executors, "
                + "each its own JVM (the java and classpath of this command). Returns once every daemon is ready and a "
                + "coordinator leads, printing the ZooKeeper address for --zk. Pid files and logs are in DIR.",
                "Exit: 0 up, 1 a daemon failed to start or the deadline passed (everything started is stopped), "
                + "2 bad usage or a cluster already running in DIR."})
final class ClusterUpCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--executors", defaultValue = "" + ClusterPlan.DEFAULT_EXECUTORS, description = "executors (default ${DEFAULT-VALUE})")
    private int executors;

    @Option(names = "--coordinators", defaultValue = "" + ClusterPlan.DEFAULT_COORDINATORS,
            description = "coordinators: one leads, the others stand by (default ${DEFAULT-VALUE})")
    private int coordinators;

    @Option(names = "--slots", defaultValue = "2", description = "task slots per executor (default ${DEFAULT-VALUE})")
    private int slots;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ClusterLayout.DEFAULT_DIR,
            description = "pid files, logs, ZooKeeper's data and the executors' work directories (default ./${DEFAULT-VALUE})")
    private Path dir;

    @Option(names = "--zk-port", defaultValue = "2181", description = "ZooKeeper's port; 0: any free port (default ${DEFAULT-VALUE})")
    private int zkPort;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "the address every daemon listens on (default ${DEFAULT-VALUE})")
    private String host;

    @Option(names = "--timeout", defaultValue = "60", paramLabel = "SECONDS",
            description = "the deadline for the whole cluster to be ready (default ${DEFAULT-VALUE})")
    private int timeoutSeconds;

    @Option(names = "--exit-with", paramLabel = "PID", hidden = true, description = "every daemon stops when process PID ends (tests)")
    private Long exitWith;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (executors < 1 || coordinators < 1 || slots < 1 || timeoutSeconds < 1 || zkPort < 0 || zkPort > 65535) {
            err.println("mr cluster up: --executors, --coordinators, --slots and --timeout must be >= 1 and --zk-port in "
                    + "0..65535; got " + executors + ", " + coordinators + ", " + slots + ", " + timeoutSeconds + ", " + zkPort);
            return 2;
        }
        ClusterLayout layout = new ClusterLayout(dir.toAbsolutePath().normalize());
        List<ClusterLayout.Member> running;
        try {
            running = layout.members().stream().filter(m -> m.live().isPresent()).toList();
        } catch (IOException e) {
            err.println("mr cluster up: " + e.getMessage());
            return 2;
        }
        if (!running.isEmpty()) {
            err.println("mr cluster up: a cluster is already running in " + layout.dir() + " ("
                    + running.stream().map(m -> m.name() + " pid " + m.pid()).toList() + "); stop it with mr cluster down --dir "
                    + layout.dir());
            return 2;
        }
        Files.createDirectories(layout.pids());
        for (ClusterLayout.Member stale : layout.members()) {
            Files.deleteIfExists(stale.pidFile()); // of a cluster that died without mr cluster down
        }
        ClusterPlan plan = new ClusterPlan(layout, coordinators, executors, slots, zkPort, host);
        DaemonLauncher launcher = new DaemonLauncher(layout, exitWith);
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        try {
            DaemonLauncher.Started zk = launcher.start(plan.zookeeper());
            String zkConnect = launcher.awaitReady(zk, deadline).split(" ")[2];
            Files.writeString(layout.zkFile(), zkConnect + "\n", StandardCharsets.US_ASCII);
            Map<String, DaemonLauncher.Started> members = new LinkedHashMap<>();
            for (ClusterPlan.Member m : plan.members(zkConnect)) {
                members.put(m.name(), launcher.start(m));
            }
            for (DaemonLauncher.Started s : members.values()) {
                launcher.awaitReady(s, deadline);
            }
            LeaderInfo leader = awaitLeader(zkConnect, executors, deadline);
            out.printf("cluster up in %s: ZooKeeper %s, %d coordinator(s) (leader %s, client port %d), %d executor(s) "
                    + "with %d slots each%n", layout.dir(), zkConnect, coordinators, leader.getCoordinatorId(),
                    leader.getClientPort(), executors, slots);
            out.printf("  submit: mr submit --zk %s JOB ARGS...    logs: %s    stop: mr cluster down --dir %s%n", zkConnect,
                    layout.logs(), layout.dir());
            out.flush();
            return 0;
        } catch (DaemonLauncher.StartException | IOException | RuntimeException e) {
            // Whatever stopped the start, no half-started cluster is left running.
            err.println("mr cluster up: " + (e instanceof DaemonLauncher.StartException ? e.getMessage() : e.toString()));
            err.println("mr cluster up: stopping what was started");
            err.flush();
            ClusterDownCommand.stopAll(layout, Duration.ofSeconds(10), new PrintWriter(PrintWriter.nullWriter()));
            return 1;
        }
    }

    /** A leader in ZooKeeper, and every executor registered there (their ready lines say so; this checks). */
    private static LeaderInfo awaitLeader(String zkConnect, int executors, long deadline)
            throws DaemonLauncher.StartException, InterruptedException {
        Duration left = Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
        ZkPaths paths = ZkPaths.defaults();
        try (CuratorFramework zk = ZkClients.connect(zkConnect, Duration.ofSeconds(10), left)) {
            LeaderInfo leader = LeaderWatch.await(zk, paths, Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
            int registered = zk.getChildren().forPath(paths.executors()).size();
            if (registered < executors) {
                throw new DaemonLauncher.StartException(executors + " executors are ready but only " + registered
                        + " are registered in ZooKeeper at " + zkConnect + paths.executors());
            }
            return leader;
        } catch (IOException | java.util.concurrent.TimeoutException e) {
            throw new DaemonLauncher.StartException("no coordinator became leader in time: " + e.getMessage());
        } catch (DaemonLauncher.StartException | InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new DaemonLauncher.StartException("cannot list the executors in ZooKeeper at " + zkConnect + ": " + e);
        }
    }
}
