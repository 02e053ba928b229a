package dev.quern.local;

import dev.quern.api.Job;
import dev.quern.api.Workflow;
import dev.quern.client.QuernClient;
import dev.quern.coordinator.Coordinator;
import dev.quern.coordinator.CoordinatorConfig;
import dev.quern.executor.Executor;
import dev.quern.executor.ExecutorConfig;
import dev.quern.jar.JobJar;
import dev.quern.job.JobSpecs;
import dev.quern.proto.JobStatus;
import dev.quern.workflow.ClientSubmitter;
import dev.quern.workflow.JobSubmitter;
import dev.quern.workflow.WorkflowListener;
import dev.quern.workflow.WorkflowResult;
import dev.quern.workflow.WorkflowRunner;
import dev.quern.zk.ZkClients;
import dev.quern.zk.ZkPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.slf4j.LoggerFactory;

/**
 * A whole Quern cluster in one JVM: a ZooKeeper server (or a given ensemble), a coordinator and N
 * executors, each executor with its own work directory and ports on 127.0.0.1. Nothing is faked:
 * membership goes through ZooKeeper, tasks and shuffle through Netty sockets, map outputs through
 * files.
 *
 * <pre>{@code
 * try (LocalCluster cluster = LocalCluster.builder().executors(3).start()) {
 *     JobStatus done = cluster.run(job, status -> {});
 *     WorkflowResult chain = cluster.run(workflow, WorkflowListener.NONE);
 * }
 * }</pre>
 */
public final class LocalCluster implements AutoCloseable {

    private static final AtomicInteger CLUSTERS = new AtomicInteger();

    private final Builder settings;
    private final Path workDir;
    private final EmbeddedZooKeeper ownZooKeeper;
    private final String zkConnect;
    private final String root;
    private final Coordinator coordinator;
    private final List<Executor> executors = new ArrayList<>();
    private final CuratorFramework clientZk;
    private final QuernClient client;

    private LocalCluster(Builder b) throws Exception {
        this.settings = b;
        this.workDir = b.workDir != null ? Files.createDirectories(b.workDir) : Files.createTempDirectory("quern-local-");
        preloadZooKeeperClientConfig();
        if (b.zkConnect == null) {
            ownZooKeeper = EmbeddedZooKeeper.start(Files.createDirectories(workDir.resolve("zookeeper")), 0, 200);
            zkConnect = ownZooKeeper.connectString();
            root = ZkPaths.DEFAULT_ROOT;
        } else {
            ownZooKeeper = null;
            zkConnect = b.zkConnect;
            root = "/quern-local-" + ProcessHandle.current().pid() + "-" + CLUSTERS.incrementAndGet();
        }
        coordinator = new Coordinator(CoordinatorConfig.loopback(zkConnect).withRoot(root).withSessionTimeout(b.sessionTimeout));
        for (int i = 0; i < b.executors; i++) {
            ExecutorConfig config = ExecutorConfig.loopback(zkConnect, executorWorkDir(i))
                    .withRoot(root).withSlots(b.slots).withSessionTimeout(b.sessionTimeout);
            executors.add(new Executor(config));
        }
        clientZk = CuratorFrameworkFactory.builder().connectString(zkConnect).retryPolicy(new ExponentialBackoffRetry(200, 5))
                .zkClientConfig(ZkClients.clientConfig()).build();
        client = new QuernClient(clientZk, new ZkPaths(root));
        // The members start at once, as on separate machines: each waits on ZooKeeper, not on the others.
        List<Step> starts = new ArrayList<>();
        starts.add(coordinator::start);
        executors.forEach(e -> starts.add(e::start));
        starts.add(() -> {
            clientZk.start();
            client.connect(Duration.ofSeconds(30));
        });
        try {
            inParallel(starts);
        } catch (Exception e) {
            try {
                close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Every ZooKeeper client's first config initializes ZooKeeper's TLS helper, which asks for the
     * JVM's default SSLContext and so reads and parses the JDK's trust store (~0.1 s of CPU, more
     * before the JIT), even though nothing here uses TLS. The members would all wait for that on
     * their first client; a thread of its own does it while the ZooKeeper server starts. Logging is
     * set up first, here: ZooKeeper logs on that thread, and a call made while another thread is
     * still setting up SLF4J is queued and replayed, with a warning printed to every user.
     */
    private static void preloadZooKeeperClientConfig() {
        LoggerFactory.getILoggerFactory();
        Thread preload = new Thread(() -> {
            try {
                ZkClients.clientConfig();
            } catch (RuntimeException | LinkageError e) {
                // the members' own clients meet it again and report it
            }
        }, "quern-local-preload");
        preload.setDaemon(true);
        preload.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Submits a job and waits for it to end; {@code onStatus} sees every status change. */
    public JobStatus run(Job job, Consumer<JobStatus> onStatus) throws InterruptedException, TimeoutException {
        return client.submit(JobSpecs.toSpec(job), onStatus).await(settings.jobTimeout);
    }

    /** Runs a workflow's jobs one after another (see {@link WorkflowRunner} for which run and which are skipped). */
    public WorkflowResult run(Workflow workflow, WorkflowListener listener) throws InterruptedException {
        return new WorkflowRunner(submitter(), listener).run(workflow);
    }

    /** Runs a workflow whose classes come from a job jar, uploaded to this cluster's ZooKeeper once. */
    public WorkflowResult run(Workflow workflow, WorkflowListener listener, JobJar jar) throws InterruptedException {
        return new WorkflowRunner(submitter(jar), listener).run(workflow);
    }

    /** Submits to this cluster; each job may run up to the builder's {@code jobTimeout}. */
    public JobSubmitter submitter() {
        return new ClientSubmitter(client, settings.jobTimeout);
    }

    /** Submits jobs whose classes come from {@code jar}. */
    public JobSubmitter submitter(JobJar jar) {
        return new ClientSubmitter(client, settings.jobTimeout, jar);
    }

    public QuernClient client() { return client; }
    public Coordinator coordinator() { return coordinator; }
    public List<Executor> executors() { return List.copyOf(executors); }
    public String zkConnect() { return zkConnect; }
    public String zkRoot() { return root; }

    /** The work directory of executor {@code i}: its map outputs and attempt files. */
    public Path executorWorkDir(int i) {
        return workDir.resolve("executor-" + i);
    }

    @Override
    public void close() throws Exception {
        // The client and the members close at once: each waits for its own threads and sessions only.
        List<Step> closes = new ArrayList<>();
        closes.add(() -> {
            client.close();
            clientZk.close();
        });
        closes.add(coordinator::close);
        executors.forEach(e -> closes.add(e::close));
        try {
            inParallel(closes);
        } finally {
            if (ownZooKeeper != null) {
                ownZooKeeper.close();
            }
            if (settings.workDir == null) {
                deleteTree(workDir);
            }
        }
    }

    /** A start or a close of a member. */
    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    /** Runs every step on a thread of its own and waits for all; rethrows the first failure, the others suppressed. */
    private static void inParallel(List<Step> steps) throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (Step step : steps) {
            Thread t = new Thread(() -> {
                try {
                    step.run();
                } catch (Throwable e) { // an Error too: lost on this thread, the start would seem to succeed
                    failures.add(e);
                }
            }, "quern-local-member");
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            Throwable first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            if (first instanceof Error error) {
                throw error;
            }
            throw (Exception) first;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** How to start a local cluster. */
    public static final class Builder {
        private int executors = 2;
        private int slots = 1;
        private String zkConnect;
        private Path workDir;
        private Duration sessionTimeout = Duration.ofSeconds(10);
        private Duration jobTimeout = Duration.ofHours(24);

        public Builder executors(int n) { this.executors = n; return this; }
        public Builder slotsPerExecutor(int n) { this.slots = n; return this; }
        /** Use this ZooKeeper ensemble instead of starting one (tests share a TestingServer). */
        public Builder zookeeper(String connectString) { this.zkConnect = connectString; return this; }
        /** Keep work directories here (default: a temporary directory deleted on close). */
        public Builder workDir(Path dir) { this.workDir = dir; return this; }
        public Builder sessionTimeout(Duration timeout) { this.sessionTimeout = timeout; return this; }
        public Builder jobTimeout(Duration timeout) { this.jobTimeout = timeout; return this; }

        public LocalCluster start() throws Exception {
            if (executors < 1) {
                throw new IllegalArgumentException("a local cluster needs at least 1 executor, got " + executors);
            }
            return new LocalCluster(this);
        }
    }
}
