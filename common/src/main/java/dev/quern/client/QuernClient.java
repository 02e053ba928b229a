package dev.quern.client;

import static java.util.Objects.requireNonNull;

import dev.quern.jar.JarStore;
import dev.quern.jar.JobJar;
import dev.quern.proto.ClientEnvelope;
import dev.quern.proto.Error;
import dev.quern.proto.GetJobStatus;
import dev.quern.proto.JobSpec;
import dev.quern.proto.JobStatus;
import dev.quern.proto.KillJob;
import dev.quern.proto.ListJobs;
import dev.quern.proto.LeaderInfo;
import dev.quern.proto.SubmitJob;
import dev.quern.wire.NettyGroups;
import dev.quern.wire.QuernException;
import dev.quern.zk.ZkPaths;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Talks to the leading coordinator. It reads the leader's address from ZooKeeper (waiting for one up
 * to a deadline), keeps one connection, and matches replies to requests by id. When the connection
 * to the leader is lost while jobs are being followed, it finds the next leader the same way and
 * follows those jobs again there (the new leader resumes them from ZooKeeper), for up to
 * {@link #FAILOVER} before giving up on them.
 */
public final class QuernClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(QuernClient.class);
    static final Duration FAILOVER = Duration.ofMinutes(2);
    private static final long MAX_BACKOFF_MS = 2000;

    private record Watch(Consumer<JobStatus> onStatus, CompletableFuture<JobStatus> done) {}

    private final CuratorFramework zk;
    private final ZkPaths paths;
    private final EventLoopGroup group = NettyGroups.create("quern-client", 1);
    private final Map<String, Watch> watches = new ConcurrentHashMap<>();
    private final AtomicBoolean reconnecting = new AtomicBoolean();
    private volatile boolean closed;
    private volatile Channel channel;
    private volatile ClientChannelHandler handler;

    public QuernClient(CuratorFramework zk, ZkPaths paths) {
        this.zk = requireNonNull(zk, "zk is null");
        this.paths = requireNonNull(paths, "paths is null");
    }

    /** Connects to the current leader, waiting up to {@code timeout} for one to be elected. */
    public synchronized void connect(Duration timeout) throws InterruptedException, TimeoutException {
        open(LeaderWatch.await(zk, paths, timeout), timeout);
    }

    private synchronized void open(LeaderInfo leader, Duration timeout) throws InterruptedException {
        ClientChannelHandler h = new ClientChannelHandler();
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1000, Math.min(timeout.toMillis(), 10_000)))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ClientChannelInitializer(h));
        Channel ch = bootstrap.connect(leader.getHost(), leader.getClientPort()).sync().channel();
        handler = h;
        channel = ch;
        ch.closeFuture().addListener(f -> connectionLost(ch));
    }

    /**
     * Submits a job. {@code onStatus} receives every status the coordinator pushes, the last one
     * with a final state; the returned handle completes with that final status.
     */
    public JobHandle submit(JobSpec spec, Consumer<JobStatus> onStatus) throws InterruptedException {
        ClientEnvelope request = ClientEnvelope.newBuilder()
                .setSubmitJob(SubmitJob.newBuilder().setSpec(spec).setWatch(true))
                .build();
        CompletableFuture<JobStatus> done = new CompletableFuture<>();
        CompletableFuture<ClientEnvelope> reply = handler.send(channel, request, status -> deliver(status, onStatus, done));
        return follow(await(reply).getJobSubmitted().getJobId(), onStatus, done);
    }

    /**
     * Stores a job jar in the cluster (in ZooKeeper, by its SHA-256) unless it is there already. A
     * spec that names the jar ({@link JobJar#stamp}) may then be submitted, to any leader.
     *
     * @return true when the jar was uploaded now, false when the cluster had it
     */
    public boolean upload(JobJar jar) throws IOException {
        return new JarStore(zk, paths).put(jar.bytes(), jar.name());
    }

    /** Follows a job submitted earlier (by anyone): {@code onStatus} hears its status now and every change. */
    public JobHandle watch(String jobId, Consumer<JobStatus> onStatus) throws InterruptedException {
        CompletableFuture<JobStatus> done = new CompletableFuture<>();
        JobHandle handle = follow(jobId, onStatus, done);
        try {
            sendWatch(jobId, watches.get(jobId));
        } catch (QuernException e) {
            watches.remove(jobId);
            throw e;
        }
        return handle;
    }

    private JobHandle follow(String jobId, Consumer<JobStatus> onStatus, CompletableFuture<JobStatus> done) {
        watches.put(jobId, new Watch(onStatus, done));
        done.whenComplete((s, e) -> watches.remove(jobId));
        return new JobHandle(jobId, done);
    }

    private static void deliver(JobStatus status, Consumer<JobStatus> onStatus, CompletableFuture<JobStatus> done) {
        if (done.isDone()) {
            return;
        }
        onStatus.accept(status);
        if (status.getState() != JobStatus.State.RUNNING) {
            done.complete(status);
        }
    }

    private void sendWatch(String jobId, Watch w) throws InterruptedException {
        ClientEnvelope request = ClientEnvelope.newBuilder()
                .setGetJobStatus(GetJobStatus.newBuilder().setJobId(jobId).setWatch(true))
                .build();
        JobStatus now = await(handler.send(channel, request, s -> deliver(s, w.onStatus(), w.done()))).getJobStatus();
        deliver(now, w.onStatus(), w.done());
    }

    public JobStatus status(String jobId) throws InterruptedException {
        ClientEnvelope request = ClientEnvelope.newBuilder()
                .setGetJobStatus(GetJobStatus.newBuilder().setJobId(jobId))
                .build();
        return await(handler.send(channel, request, null)).getJobStatus();
    }

    /** Every job the leader knows (submitted to it, or resumed by it), in submit order. */
    public List<JobStatus> jobs() throws InterruptedException {
        ClientEnvelope request = ClientEnvelope.newBuilder().setListJobs(ListJobs.getDefaultInstance()).build();
        return await(handler.send(channel, request, null)).getJobList().getJobsList();
    }

    /**
     * Kills a job; returns its status after the kill (KILLED, or the final state of a job that had
     * already ended). An unknown id is a {@link QuernException} with code NOT_FOUND.
     */
    public JobStatus kill(String jobId) throws InterruptedException {
        ClientEnvelope request = ClientEnvelope.newBuilder().setKillJob(KillJob.newBuilder().setJobId(jobId)).build();
        return await(handler.send(channel, request, null)).getJobStatus();
    }

    /** The leader connection closed: follow the watched jobs on the next leader, off the I/O thread. */
    private void connectionLost(Channel ch) {
        if (closed || ch != channel || watches.isEmpty() || !reconnecting.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(this::followOnNextLeader, "quern-client-failover");
        t.setDaemon(true);
        t.start();
    }

    private void followOnNextLeader() {
        long deadline = System.nanoTime() + FAILOVER.toNanos();
        long backoff = 100;
        log.info("lost the connection to the leader: looking for the next one to follow {} job(s)", watches.size());
        try {
            while (!closed && !watches.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    giveUp("no leader could be reached within " + FAILOVER.toSeconds() + " s");
                    return;
                }
                try {
                    // The dead leader's node stays until its session expires: connecting to it fails, and we try again.
                    open(LeaderWatch.await(zk, paths, Duration.ofNanos(left)), Duration.ofNanos(left));
                    for (Map.Entry<String, Watch> w : List.copyOf(watches.entrySet())) {
                        try {
                            sendWatch(w.getKey(), w.getValue());
                        } catch (QuernException e) {
                            if (e.error().getCode() != Error.Code.NOT_LEADER) {
                                w.getValue().done().completeExceptionally(new IllegalStateException(
                                        "the new leader cannot follow job " + w.getKey() + ": " + e.error().getMessage(), e));
                            } else {
                                throw e;
                            }
                        }
                    }
                    log.info("following {} job(s) on the new leader", watches.size());
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    giveUp("interrupted while looking for the next leader");
                    return;
                } catch (Exception e) {
                    Channel stale = channel;
                    if (stale != null) {
                        stale.close();
                    }
                    Thread.sleep(backoff); // a retry delay while the cluster elects and recovers
                    backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            giveUp("interrupted while looking for the next leader");
        } finally {
            reconnecting.set(false);
            if (!closed && !watches.isEmpty() && (channel == null || !channel.isActive())) {
                connectionLost(channel); // lost again while we were following: go round once more
            }
        }
    }

    private void giveUp(String why) {
        watches.forEach((jobId, w) -> w.done().completeExceptionally(
                new IllegalStateException("lost job " + jobId + ": " + why)));
    }

    private static ClientEnvelope await(CompletableFuture<ClientEnvelope> reply) throws InterruptedException {
        try {
            return reply.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        watches.forEach((jobId, w) -> w.done().completeExceptionally(new IllegalStateException("client closed")));
        if (channel != null) {
            channel.close().awaitUninterruptibly();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
