package dev.quern.executor;

import static java.util.Objects.requireNonNull;

import dev.quern.executor.control.ControlServer;
import dev.quern.executor.control.ControlServerHandler;
import dev.quern.executor.control.ControlServerInitializer;
import dev.quern.executor.control.CoordinatorLink;
import dev.quern.executor.logs.AttemptLogs;
import dev.quern.executor.map.MapMemoryPool;
import dev.quern.executor.membership.Membership;
import dev.quern.executor.shuffle.fetch.FetchOptions;
import dev.quern.executor.shuffle.fetch.ShuffleFetcher;
import dev.quern.executor.shuffle.server.ShuffleServer;
import dev.quern.executor.spill.MapOutputRegistry;
import dev.quern.io.FileTrees;
import dev.quern.jar.JarLoaders;
import dev.quern.jar.JarStore;
import dev.quern.executor.task.MemoryShare;
import dev.quern.executor.task.TaskEnvironment;
import dev.quern.executor.task.TaskRunner;
import dev.quern.proto.ExecutorInfo;
import dev.quern.wire.NettyGroups;
import dev.quern.zk.ZkClients;
import dev.quern.zk.ZkPaths;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor daemon: a control server the coordinator dials, a shuffle server reducers fetch
 * from, a pool of task slots, and an ephemeral znode that says it is alive.
 */
public final class Executor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Executor.class);

    private enum State { LATENT, STARTED, CLOSED }

    private final ExecutorConfig config;
    private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
    private final MapOutputRegistry registry = new MapOutputRegistry();
    private final CoordinatorLink link = new CoordinatorLink();
    private final EventLoopGroup boss = NettyGroups.create("quern-executor-boss", 1);
    private final EventLoopGroup workers = NettyGroups.create("quern-executor-io", 2);
    private volatile CuratorFramework zk; // read by task threads when they fetch a job jar
    private ShuffleServer shuffleServer;
    private ShuffleFetcher fetcher;
    private ControlServer controlServer;
    private TaskRunner runner;
    private JarLoaders jars;
    private Membership membership;
    private volatile ExecutorInfo info;

    public Executor(ExecutorConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    public void start() throws Exception {
        if (!state.compareAndSet(State.LATENT, State.STARTED)) {
            throw new IllegalStateException("executor already started");
        }
        Files.createDirectories(config.workDir());
        MemoryShare.add(config.slots());
        fetcher = new ShuffleFetcher(workers, FetchOptions.DEFAULTS);
        // Jars are cached in WORK/jars (kept across restarts: checked against their hash when opened).
        // ZooKeeper is connected below, before any coordinator can find this executor and launch.
        jars = new JarLoaders(sha256 -> new JarStore(zk, new ZkPaths(config.zkRoot())).fetch(sha256),
                config.workDir().resolve("jars"), Executor.class.getClassLoader(), 4);
        runner = new TaskRunner(config.slots(), new TaskEnvironment(config.workDir(), registry, fetcher,
                Executor.class.getClassLoader(), new MapMemoryPool(config.slots())), jars, link::send, link::send);
        shuffleServer = new ShuffleServer(registry, new AttemptLogs(config.workDir()), config.bindHost(), config.shufflePort());
        int shufflePort = shuffleServer.start();
        controlServer = new ControlServer(new ControlServerInitializer(
                () -> new ControlServerHandler(() -> info, link, runner, this::jobDone, registry)));
        int controlPort = controlServer.start(boss, workers, config.bindHost(), config.controlPort());
        info = ExecutorInfo.newBuilder().setHost(config.advertiseHost()).setControlPort(controlPort)
                .setShufflePort(shufflePort).setSlots(config.slots()).setPid(ProcessHandle.current().pid()).build();

        zk = ZkClients.connect(config.zkConnect(), config.sessionTimeout(), config.connectTimeout());
        membership = new Membership(zk, new ZkPaths(config.zkRoot()), () -> info, this::membershipLost,
                newId -> info = info.toBuilder().setExecutorId(newId).build());
        String id = membership.start();
        info = info.toBuilder().setExecutorId(id).build();
        log.info("executor {} up: control {}:{}, shuffle {}:{}, {} slots, work dir {}", id, config.advertiseHost(),
                controlPort, config.advertiseHost(), shufflePort, config.slots(), config.workDir());
    }

    /**
     * The ZooKeeper session ended: the coordinator has given this executor's work to others, so none
     * of it may go on or be served. Waits for the attempts to stop before deleting their files.
     */
    private void membershipLost() {
        try {
            runner.killAll().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("attempts did not all stop after the session ended: {}", e.toString());
        }
        registry.clear();
        try {
            FileTrees.delete(config.workDir().resolve("jobs"));
        } catch (IOException e) {
            log.warn("could not delete the job files of the lost membership: {}", e.toString());
        }
    }

    /** The end of a job: forget and delete its map outputs and attempt files. */
    private void jobDone(String jobId) {
        registry.removeJob(jobId);
        try {
            FileTrees.delete(config.workDir().resolve("jobs").resolve(jobId));
        } catch (IOException e) {
            log.warn("could not delete the files of job {}: {}", jobId, e.toString());
        }
    }

    public String id() { return info.getExecutorId(); }
    public ExecutorInfo info() { return info; }

    /** The epoch of the leader this executor follows: 0 until a leader has said hello. */
    public long leaderEpoch() { return link.epoch(); }

    @Override
    public void close() throws InterruptedException {
        if (state.getAndSet(State.CLOSED) != State.STARTED) {
            return;
        }
        MemoryShare.remove(config.slots());
        if (membership != null) {
            membership.close();
        }
        if (zk != null) {
            zk.close();
        }
        if (controlServer != null) {
            controlServer.close();
        }
        if (runner != null) {
            runner.close();
        }
        if (jars != null) {
            jars.close();
        }
        if (shuffleServer != null) {
            shuffleServer.close();
        }
        if (fetcher != null) {
            fetcher.close();
        }
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        log.info("executor {} closed", info == null ? "?" : info.getExecutorId());
    }
}
