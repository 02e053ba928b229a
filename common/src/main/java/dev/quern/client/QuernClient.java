package dev.quern.client;

import static java.util.Objects.requireNonNull;

import dev.quern.proto.ClientEnvelope;
import dev.quern.proto.GetJobStatus;
import dev.quern.proto.JobSpec;
import dev.quern.proto.JobStatus;
import dev.quern.proto.LeaderInfo;
import dev.quern.proto.SubmitJob;
import dev.quern.wire.NettyGroups;
import dev.quern.zk.ZkPaths;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;

/**
 * Talks to the leading coordinator. It reads the leader's address from ZooKeeper (waiting for one up
 * to a deadline), keeps one connection, and matches replies to requests by id.
 */
public final class QuernClient implements AutoCloseable {

    private final CuratorFramework zk;
    private final ZkPaths paths;
    private final EventLoopGroup group = NettyGroups.create("quern-client", 1);
    private Channel channel;
    private ClientChannelHandler handler;

    public QuernClient(CuratorFramework zk, ZkPaths paths) {
        this.zk = requireNonNull(zk, "zk is null");
        this.paths = requireNonNull(paths, "paths is null");
    }

    /** Connects to the current leader, waiting up to {@code timeout} for one to be elected. */
    public synchronized void connect(Duration timeout) throws InterruptedException, TimeoutException {
        LeaderInfo leader = LeaderWatch.await(zk, paths, timeout);
        handler = new ClientChannelHandler();
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1000, timeout.toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ClientChannelInitializer(handler));
        channel = bootstrap.connect(leader.getHost(), leader.getClientPort()).sync().channel();
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
        CompletableFuture<ClientEnvelope> reply = handler.send(channel, request, status -> {
            onStatus.accept(status);
            if (status.getState() != JobStatus.State.RUNNING) {
                done.complete(status);
            }
        });
        ClientEnvelope accepted = await(reply);
        return new JobHandle(accepted.getJobSubmitted().getJobId(), done, handler.closed());
    }

    public JobStatus status(String jobId) throws InterruptedException {
        ClientEnvelope request = ClientEnvelope.newBuilder()
                .setGetJobStatus(GetJobStatus.newBuilder().setJobId(jobId))
                .build();
        return await(handler.send(channel, request, null)).getJobStatus();
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
        if (channel != null) {
            channel.close().awaitUninterruptibly();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
