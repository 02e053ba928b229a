package dev.quern.testing;

import dev.quern.api.Job;
import dev.quern.client.LeaderWatch;
import dev.quern.client.QuernClient;
import dev.quern.job.JobSpecs;
import dev.quern.proto.JobStatus;
import dev.quern.proto.LeaderInfo;
import dev.quern.zk.ZkPaths;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.KeeperException;

/**
 * A Quern cluster of real processes: a ZooKeeper server ({@code mr zookeeper}), N coordinators and
 * M executors, each in its own JVM started from the test classpath. Its output goes to
 * {@code DIR/logs/NAME.log}; a start that fails shows the output. Faults are real: SIGKILL ends a
 * process with no goodbye, and ZooKeeper notices only when its session times out.
 *
 * <pre>{@code
 * try (ProcessCluster cluster = ProcessCluster.builder(tempDir).executors(3).start()) {
 *     JobStatus end = cluster.run(job, Duration.ofMinutes(1));
 *     cluster.killExecutor(0);
 * }
 * }</pre>
 *
 * No JVM outlives the test: {@link #close()} kills them all, a shutdown hook does if close is never
 * reached, and each daemon runs with {@code --exit-with <test JVM pid>} in case the test JVM is killed.
 */
public final class ProcessCluster implements AutoCloseable {

    private final Builder settings;
    private final ZkPaths paths = ZkPaths.defaults();
    private final List<DaemonProcess> started = new CopyOnWriteArrayList<>();
    private final List<DaemonProcess> coordinators = new ArrayList<>();
    private final List<DaemonProcess> executors = new ArrayList<>();
    private final Thread reaper = new Thread(this::killAll, "process-cluster-reaper");
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Map<String, Integer> runs = new ConcurrentHashMap<>();
    private DaemonProcess zookeeper;
    private CuratorFramework zk;
    private QuernClient client;
    private String clientLeader;

    private ProcessCluster(Builder settings) {
        this.settings = settings;
    }

    public static Builder builder(Path dir) {
        return new Builder(dir);
    }

    private void start() throws Exception {
        Runtime.getRuntime().addShutdownHook(reaper);
        zookeeper = launch("zookeeper", "64m", List.of("zookeeper", "--port", "0", "--tick", "200ms",
                "--data-dir", settings.dir.resolve("zookeeper").toString()));
        zookeeper.awaitReady(settings.readyTimeout);
        // All members start at once: on 2 cores the JVMs' start-ups overlap with each other's waits.
        for (int i = 0; i < settings.coordinators; i++) {
            coordinators.add(launchCoordinator(i));
        }
        for (int i = 0; i < settings.executors; i++) {
            executors.add(launchExecutor(i));
        }
        for (DaemonProcess p : started) {
            p.awaitReady(settings.readyTimeout);
        }
        zk = CuratorFrameworkFactory.newClient(zkConnect(), new ExponentialBackoffRetry(200, 5));
        zk.start();
        leader();
    }

    /** Starts {@code name}'s next run: {@code executor-0}, then {@code executor-0.run2}, each with its own log. */
    private DaemonProcess launch(String name, String heap, List<String> args) throws Exception {
        int run = runs.merge(name, 1, Integer::sum);
        String runName = run == 1 ? name : name + ".run" + run;
        DaemonProcess p = DaemonProcess.start(runName, heap, args, settings.dir.resolve("logs").resolve(runName + ".log"));
        started.add(p);
        return p;
    }

    private List<String> memberArgs(String role) {
        return List.of(role, "--zk", zkConnect(), "--session-timeout", settings.sessionTimeout.toMillis() + "ms",
                "--zk-timeout", settings.readyTimeout.toMillis() + "ms");
    }

    private DaemonProcess launchCoordinator(int i) throws Exception {
        return launch("coordinator-" + i, "128m", memberArgs("coordinator"));
    }

    private DaemonProcess launchExecutor(int i) throws Exception {
        List<String> args = new ArrayList<>(memberArgs("executor"));
        args.addAll(List.of("--slots", Integer.toString(settings.slots),
                "--work-dir", settings.dir.resolve("executor-" + i).toString()));
        return launch("executor-" + i, "256m", args);
    }

    /** The ZooKeeper connect string, {@code 127.0.0.1:PORT}. */
    public String zkConnect() { return zookeeper.id(); }
    public ZkPaths paths() { return paths; }
    /** A client of the cluster's ZooKeeper, owned by the cluster. */
    public CuratorFramework zk() { return zk; }
    public DaemonProcess coordinator(int i) { return coordinators.get(i); }
    public DaemonProcess executor(int i) { return executors.get(i); }
    /** Executor {@code i}'s id, from its ready line: a restarted executor joins with a new one. */
    public String executorId(int i) { return executors.get(i).id(); }

    /** The executors ZooKeeper holds as members: the children of {@code /quern/executors}, sorted. */
    public List<String> executorIdsInZooKeeper() throws Exception {
        try {
            return zk.getChildren().forPath(paths.executors()).stream().sorted().toList();
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        }
    }

    public void killExecutor(int i) throws InterruptedException { executors.get(i).kill(); }
    public void killCoordinator(int i) throws InterruptedException { coordinators.get(i).kill(); }

    /** Kills executor {@code i} if it still runs, then starts it again on the same work directory. */
    public void restartExecutor(int i) throws Exception {
        executors.get(i).kill();
        executors.set(i, launchExecutor(i));
        executors.get(i).awaitReady(settings.readyTimeout);
    }

    /**
     * Kills the ZooKeeper server (SIGKILL) and starts it again on the same port and data directory,
     * waiting until it is ready: sessions whose timeout has not run out live on. Returns how long
     * ZooKeeper was gone.
     */
    public Duration restartZooKeeper() throws Exception {
        String connect = zookeeper.id();
        String port = connect.substring(connect.lastIndexOf(':') + 1);
        long down = System.nanoTime();
        zookeeper.kill();
        zookeeper = launch("zookeeper", "64m", List.of("zookeeper", "--port", port, "--tick", "200ms",
                "--data-dir", settings.dir.resolve("zookeeper").toString()));
        zookeeper.awaitReady(settings.readyTimeout);
        return Duration.ofNanos(System.nanoTime() - down);
    }

    public void restartCoordinator(int i) throws Exception {
        coordinators.get(i).kill();
        coordinators.set(i, launchCoordinator(i));
        coordinators.get(i).awaitReady(settings.readyTimeout);
    }

    /**
     * Which coordinator leads, as ZooKeeper says ({@code /quern/leader}), waiting for one if none
     * does. A killed leader's node stays until its session times out.
     */
    public int leader() throws Exception {
        LeaderInfo info = LeaderWatch.await(zk, paths, settings.readyTimeout);
        for (int i = 0; i < coordinators.size(); i++) {
            if (coordinators.get(i).id().equals(info.getCoordinatorId())) {
                return i;
            }
        }
        throw new AssertionError("the leader in ZooKeeper, " + info.getCoordinatorId() + ", is none of this cluster's coordinators\n" + describe());
    }

    /** A client connected to the current leader (a new connection once the leader has changed). */
    public synchronized QuernClient client() throws Exception {
        String leaderId = coordinators.get(leader()).id();
        if (client == null || !leaderId.equals(clientLeader)) {
            if (client != null) {
                client.close();
            }
            client = new QuernClient(zk, paths);
            client.connect(settings.readyTimeout);
            clientLeader = leaderId;
        }
        return client;
    }

    /** Submits {@code job} to the leader and waits for its final status. */
    public JobStatus run(Job job, Duration timeout) throws Exception {
        return client().submit(JobSpecs.toSpec(job), status -> {}).await(timeout);
    }

    /** Every process of the cluster with its state and last lines of output, for failure messages. */
    public String describe() {
        return started.stream().map(DaemonProcess::describe).collect(Collectors.joining("\n"));
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            synchronized (this) {
                if (client != null) {
                    client.close();
                }
            }
            if (zk != null) {
                zk.close();
            }
        } finally {
            killAll();
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs anyway
            }
        }
    }

    private void killAll() {
        started.forEach(p -> ProcessHandle.of(p.pid()).ifPresent(ProcessHandle::destroyForcibly));
        for (DaemonProcess p : started) {
            ProcessHandle.of(p.pid()).ifPresent(h -> {
                try {
                    h.onExit().get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    System.err.println("process-cluster: " + p.name() + " (pid " + p.pid() + ") did not exit: " + e);
                }
            });
        }
    }

    /** How to start a process cluster. */
    public static final class Builder {
        private final Path dir;
        private int coordinators = 1;
        private int executors = 3;
        private int slots = 2;
        private Duration sessionTimeout = Duration.ofSeconds(3);
        private Duration readyTimeout = Duration.ofSeconds(60);

        private Builder(Path dir) {
            this.dir = dir;
        }

        public Builder coordinators(int n) { this.coordinators = n; return this; }
        public Builder executors(int n) { this.executors = n; return this; }
        public Builder slotsPerExecutor(int n) { this.slots = n; return this; }
        /** The daemons' ZooKeeper session: how long a killed one stays a member. */
        public Builder sessionTimeout(Duration d) { this.sessionTimeout = d; return this; }
        /** The deadline for each daemon's ready line and for a leader to be elected. */
        public Builder readyTimeout(Duration d) { this.readyTimeout = d; return this; }

        /** Starts every process and waits until each is ready and a coordinator leads. */
        public ProcessCluster start() throws Exception {
            ProcessCluster cluster = new ProcessCluster(this);
            try {
                cluster.start();
                return cluster;
            } catch (Throwable t) {
                cluster.close();
                throw t;
            }
        }
    }
}
