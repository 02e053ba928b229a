package dev.quern.coordinator;

import static java.util.Objects.requireNonNull;

import dev.quern.coordinator.control.ControlEvents;
import dev.quern.coordinator.control.ExecutorConnections;
import dev.quern.coordinator.election.LeaderElection;
import dev.quern.coordinator.jar.SubmitJars;
import dev.quern.coordinator.job.JobListener;
import dev.quern.coordinator.job.JobManager;
import dev.quern.coordinator.job.SubmitException;
import dev.quern.coordinator.journal.ZkJobJournal;
import dev.quern.coordinator.membership.ExecutorTracker;
import dev.quern.coordinator.rpc.ClientRequests;
import dev.quern.coordinator.rpc.ClientServer;
import dev.quern.proto.Error;
import dev.quern.proto.ExecutorInfo;
import dev.quern.proto.FetchFailed;
import dev.quern.proto.HelloAck;
import dev.quern.proto.JobSpec;
import dev.quern.proto.JobStatus;
import dev.quern.proto.LeaderInfo;
import dev.quern.proto.TaskUpdate;
import dev.quern.wire.Errors;
import dev.quern.wire.NettyGroups;
import dev.quern.zk.ZkClients;
import dev.quern.zk.ZkPaths;
import io.netty.channel.EventLoopGroup;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator daemon. It stands for election; while leader it tracks executors, accepts jobs and
 * runs them. All job state lives on one event-loop thread: Netty and Curator callbacks only post
 * events to it, so the state needs no locks and every event is handled in the order it arrived.
 */
public final class Coordinator implements AutoCloseable, ClientRequests {

    private static final Logger log = LoggerFactory.getLogger(Coordinator.class);

    private enum State { LATENT, STARTED, CLOSED }

    private final CoordinatorConfig config;
    private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
    private final EventLoopGroup boss = NettyGroups.create("quern-coordinator-boss", 1);
    private final EventLoopGroup workers = NettyGroups.create("quern-coordinator-io", 2);
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "quern-coordinator-loop");
        t.setDaemon(true);
        return t;
    });
    private final ZkPaths paths;
    private CuratorFramework zk;
    private SubmitJars jars;
    private ClientServer clientServer;
    private LeaderElection election;
    private String id;
    private int clientPort;
    // Owned by the loop thread: present while leader.
    private JobManager manager;
    private ExecutorConnections connections;
    private ExecutorTracker tracker;
    private boolean suspended;
    private final List<Runnable> deferred = new ArrayList<>();

    public Coordinator(CoordinatorConfig config) {
        this.config = requireNonNull(config, "config is null");
        this.paths = new ZkPaths(config.zkRoot());
    }

    public void start() throws Exception {
        if (!state.compareAndSet(State.LATENT, State.STARTED)) {
            throw new IllegalStateException("coordinator already started");
        }
        zk = ZkClients.connect(config.zkConnect(), config.sessionTimeout(), config.connectTimeout());
        jars = new SubmitJars(zk, paths, Coordinator.class.getClassLoader());
        clientServer = new ClientServer(this);
        int port = clientServer.start(boss, workers, config.bindHost(), config.clientPort());
        clientPort = port;
        id = "c-" + config.advertiseHost() + ":" + port;
        LeaderInfo info = LeaderInfo.newBuilder().setCoordinatorId(id).setHost(config.advertiseHost()).setClientPort(port).build();
        election = new LeaderElection(zk, paths, info, new LeaderElection.Listener() {
            @Override public void elected(LeaderElection.Term term) { loop.execute(() -> takeOffice(term)); }
            @Override public void deposed() { loop.execute(Coordinator.this::leaveOffice); }
        });
        // A suspended connection may end in a lost session (and office): launch nothing, and write
        // nothing, until it is back; events wait in order. A lost session deposes (the latch says so).
        zk.getConnectionStateListenable().addListener((client, newState) -> {
            switch (newState) {
                case SUSPENDED -> loop.execute(() -> suspend(true));
                case RECONNECTED -> loop.execute(() -> suspend(false));
                default -> { }
            }
        });
        election.start();
        // Progress timeouts and speculation look at the clock: a tick on the loop, with the manager's Clock.
        // Not deferred while ZooKeeper is suspended (events are): a tick then is skipped, not queued.
        loop.scheduleWithFixedDelay(() -> {
            if (manager == null || suspended) {
                return;
            }
            try {
                manager.tick();
            } catch (RuntimeException e) {
                log.error("tick failed (the next one runs all the same)", e); // a thrown tick would end the schedule
            }
        }, 1, 1, TimeUnit.SECONDS);
        log.info("coordinator {} started: client port {}, ZooKeeper {}{}", id, port, config.zkConnect(), config.zkRoot());
    }

    /**
     * Becomes the leader of {@code term}: resumes every job without an end from the journal, then
     * follows the executors. If the journal cannot be read, office is handed back to the election.
     */
    private void takeOffice(LeaderElection.Term term) {
        long epoch = term.epoch();
        long elected = System.nanoTime();
        connections = newConnections(epoch);
        try {
            ZkJobJournal journal = new ZkJobJournal(zk, paths, new ZkJobJournal.Fence(term.epochVersion()));
            manager = new JobManager(connections, journal, epoch, Coordinator.class.getClassLoader(), Clock.systemUTC(),
                    this::deposedByFence);
            manager.resume(journal.unfinished(), members());
        } catch (Exception e) {
            log.error("coordinator {} cannot resume the jobs of epoch {}: {}; handing office back", id, epoch, e.toString());
            leaveOffice();
            election.restart();
            return;
        }
        log.info("coordinator {} took office for epoch {} in {} ms", id, epoch, (System.nanoTime() - elected) / 1_000_000);
        tracker = new ExecutorTracker(zk, paths, new ExecutorTracker.Listener() {
            @Override public void joined(ExecutorInfo executor) { loop.execute(() -> whenLeader(() -> connections.add(executor))); }
            @Override public void left(String executorId) {
                loop.execute(() -> whenLeader(() -> {
                    connections.remove(executorId);
                    manager.executorLost(executorId);
                }));
            }
            @Override public void initialized() {
                // An executor whose znode went between reading the members and starting the tracker left unseen.
                loop.execute(() -> whenLeader(() -> manager.membersKnown(connections::isKnown)));
            }
        });
        tracker.start();
    }

    private ExecutorConnections newConnections(long epoch) {
        return new ExecutorConnections(workers, id, epoch, new ControlEvents() {
            @Override public void ready(ExecutorInfo executor, HelloAck ack) {
                // A hello answered after the executor's znode went is stale: it must not come back.
                loop.execute(() -> whenLeader(() -> {
                    if (connections.isKnown(executor.getExecutorId())) {
                        manager.executorReady(executor, ack);
                    }
                }));
            }
            @Override public void update(String executorId, TaskUpdate u) { loop.execute(() -> whenLeader(() -> manager.taskUpdate(executorId, u))); }
            @Override public void fetchFailed(String executorId, FetchFailed f) { loop.execute(() -> whenLeader(() -> manager.fetchFailed(executorId, f))); }
        });
    }

    /** The executors ZooKeeper holds now (none before the first one registers). */
    private Set<String> members() throws Exception {
        try {
            return new HashSet<>(zk.getChildren().forPath(paths.executors()));
        } catch (KeeperException.NoNodeException e) {
            return Set.of();
        }
    }

    /** A journal write was fenced: a newer leader took over; stop at once (the latch will follow). */
    private void deposedByFence() {
        leaveOffice();
    }

    /** While suspended, events for the job manager wait; they run in order when the connection is back. */
    private void suspend(boolean suspend) {
        if (manager != null) {
            log.info(suspend ? "ZooKeeper connection suspended: scheduling paused, events wait"
                    : "ZooKeeper connection back: running the {} events that waited", deferred.size());
        }
        suspended = suspend;
        if (manager != null) {
            manager.setPaused(suspend);
        }
        if (!suspend) {
            List<Runnable> queued = List.copyOf(deferred);
            deferred.clear();
            queued.forEach(this::whenLeader);
        }
    }

    /**
     * Steps down: stops scheduling at once and drops every job's state (it is in the journal, for the
     * next leader); the executors' connections close, so they take no more orders from this one.
     */
    private void leaveOffice() {
        deferred.clear();
        if (tracker != null) {
            tracker.close();
        }
        if (connections != null) {
            connections.close();
        }
        tracker = null;
        connections = null;
        manager = null;
    }

    private void whenLeader(Runnable action) {
        if (manager == null) {
            return;
        }
        if (suspended) {
            deferred.add(action);
        } else {
            action.run();
        }
    }

    @Override
    public void submit(JobSpec spec, JobListener listener, Consumer<Error> refused) {
        if (spec.getJarSha256().isEmpty()) {
            onLoop(refused, () -> submitNow(spec, Coordinator.class.getClassLoader(), listener, refused));
            return;
        }
        // The loader is only needed for the checks: the job's classes run on the executors.
        jars.open(spec, refused, lease -> onLoop(error -> {
            lease.close();
            refused.accept(error);
        }, () -> {
            try (lease) {
                submitNow(spec, lease.loader(), listener, refused);
            }
        }));
    }

    private void submitNow(JobSpec spec, ClassLoader jobLoader, JobListener listener, Consumer<Error> refused) {
        try {
            manager.submit(spec, jobLoader, listener);
        } catch (SubmitException e) {
            log.info("job '{}' refused: {}", spec.getName(), e.getMessage());
            refused.accept(e.error());
        }
    }

    @Override
    public void status(String jobId, Consumer<JobStatus> found, Consumer<Error> refused) {
        onLoop(refused, () -> reply(manager.status(jobId), jobId, found, refused));
    }

    @Override
    public void kill(String jobId, Consumer<JobStatus> killed, Consumer<Error> refused) {
        onLoop(refused, () -> reply(manager.kill(jobId), jobId, killed, refused));
    }

    @Override
    public void list(Consumer<List<JobStatus>> jobs, Consumer<Error> refused) {
        onLoop(refused, () -> jobs.accept(manager.jobs()));
    }

    @Override
    public void watch(String jobId, JobListener listener, Consumer<Error> refused) {
        onLoop(refused, () -> manager.watch(jobId, listener).ifPresentOrElse(listener::status,
                () -> refused.accept(Errors.of(Error.Code.NOT_FOUND, "no job with id '" + jobId + "'", false))));
    }

    private static void reply(Optional<JobStatus> status, String jobId, Consumer<JobStatus> found, Consumer<Error> refused) {
        status.ifPresentOrElse(found, () -> refused.accept(Errors.of(Error.Code.NOT_FOUND, "no job with id '" + jobId + "'", false)));
    }

    private void onLoop(Consumer<Error> refused, Runnable action) {
        loop.execute(() -> {
            if (manager == null) {
                refused.accept(Errors.of(Error.Code.NOT_LEADER, "coordinator " + id + " is not the leader", true));
            } else {
                action.run();
            }
        });
    }

    public String id() { return id; }

    /** The port clients connect to (the one bound, when the config asked for 0). */
    public int clientPort() { return clientPort; }

    public boolean isLeader() {
        return election != null && election.isLeader();
    }

    @Override
    public void close() throws Exception {
        if (state.getAndSet(State.CLOSED) != State.STARTED) {
            return;
        }
        if (election != null) {
            election.close();
        }
        loop.submit(this::leaveOffice).get(10, TimeUnit.SECONDS);
        loop.shutdown();
        if (jars != null) {
            jars.close();
        }
        if (clientServer != null) {
            clientServer.close();
        }
        if (zk != null) { // start() failed to reach ZooKeeper
            zk.close();
        }
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        log.info("coordinator {} closed", id);
    }
}
