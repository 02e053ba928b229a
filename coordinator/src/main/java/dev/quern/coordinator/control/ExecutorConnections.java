package dev.quern.coordinator.control;

import dev.quern.coordinator.job.Dispatcher;
import dev.quern.proto.ControlEnvelope;
import dev.quern.proto.ExecutorInfo;
import dev.quern.proto.KillTask;
import dev.quern.proto.LaunchTask;
import dev.quern.proto.MapOutputsAvailable;
import dev.quern.proto.TaskAssignment;
import dev.quern.proto.TaskUpdate;
import dev.quern.proto.Error;
import dev.quern.wire.Errors;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's connections to its executors, one each, dialed when an executor's znode appears and
 * redialed (with backoff) while the znode is there. Implements {@link Dispatcher} for the job manager.
 */
public final class ExecutorConnections implements Dispatcher, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExecutorConnections.class);
    private static final long MAX_REDIAL_MS = 5_000;

    private final EventLoopGroup group;
    private final String coordinatorId;
    private final long epoch;
    private final ControlEvents events;
    private final Map<String, ExecutorInfo> known = new ConcurrentHashMap<>();
    private final Map<String, Channel> channels = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public ExecutorConnections(EventLoopGroup group, String coordinatorId, long epoch, ControlEvents events) {
        this.group = group;
        this.coordinatorId = coordinatorId;
        this.epoch = epoch;
        this.events = events;
    }

    /** An executor's znode appeared (or changed): dial it unless already connected. */
    public void add(ExecutorInfo executor) {
        if (closed || known.putIfAbsent(executor.getExecutorId(), executor) != null) {
            return;
        }
        dial(executor, 100);
    }

    /** An executor's znode disappeared: hang up and forget it. */
    public void remove(String executorId) {
        known.remove(executorId);
        Channel ch = channels.remove(executorId);
        if (ch != null) {
            ch.close();
        }
    }

    private void dial(ExecutorInfo executor, long backoffMs) {
        String id = executor.getExecutorId();
        ExecutorChannelHandler handler = new ExecutorChannelHandler(executor, epoch, coordinatorId, events,
                () -> hungUp(executor));
        ChannelFuture f = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                .handler(new ExecutorChannelInitializer(handler))
                .connect(executor.getHost(), executor.getControlPort());
        f.addListener(done -> {
            if (done.isSuccess()) {
                channels.put(id, f.channel());
            } else if (!closed && known.containsKey(id)) {
                log.info("cannot reach executor {} at {}:{} ({}); retrying in {} ms", id, executor.getHost(),
                        executor.getControlPort(), done.cause().toString(), backoffMs);
                group.schedule(() -> redial(id, Math.min(backoffMs * 2, MAX_REDIAL_MS)), backoffMs, TimeUnit.MILLISECONDS);
            }
        });
    }

    private void hungUp(ExecutorInfo executor) {
        String id = executor.getExecutorId();
        channels.remove(id);
        if (!closed && known.containsKey(id)) {
            group.schedule(() -> redial(id, 200), 100, TimeUnit.MILLISECONDS);
        }
    }

    private void redial(String id, long backoffMs) {
        ExecutorInfo executor = known.get(id);
        if (!closed && executor != null && !channels.containsKey(id)) {
            dial(executor, backoffMs);
        }
    }

    /** True while the executor's znode exists. */
    public boolean isKnown(String executorId) {
        return known.containsKey(executorId);
    }

    @Override
    public boolean launch(String executorId, TaskAssignment assignment) {
        Channel ch = channels.get(executorId);
        if (ch == null || !ch.isActive()) {
            return false;
        }
        ch.writeAndFlush(ControlEnvelope.newBuilder().setEpoch(epoch)
                .setLaunchTask(LaunchTask.newBuilder().setAssignment(assignment)).build()).addListener(f -> {
                    if (!f.isSuccess()) {
                        // Never reached the executor: report it as a failed attempt, so it is rerun.
                        events.update(executorId, TaskUpdate.newBuilder().setJobId(assignment.getJobId())
                                .setAttemptId(assignment.getAttemptId()).setState(TaskUpdate.State.FAILED)
                                .setError(Errors.of(Error.Code.IO_ERROR, "attempt " + assignment.getAttemptId()
                                        + " could not be sent to executor " + executorId + ": " + f.cause(), true))
                                .build());
                    }
                });
        return true;
    }

    @Override
    public void kill(String executorId, String jobId, String attemptId) {
        send(executorId, ControlEnvelope.newBuilder().setEpoch(epoch)
                .setKillTask(KillTask.newBuilder().setJobId(jobId).setAttemptId(attemptId)).build());
    }

    @Override
    public void mapOutputs(String executorId, MapOutputsAvailable message) {
        // Not sent while disconnected: the executor's next hello makes the leader resend what it knows.
        send(executorId, ControlEnvelope.newBuilder().setEpoch(epoch).setMapOutputsAvailable(message).build());
    }

    private boolean send(String executorId, ControlEnvelope msg) {
        Channel ch = channels.get(executorId);
        if (ch == null || !ch.isActive()) {
            return false;
        }
        ch.writeAndFlush(msg);
        return true;
    }

    @Override
    public void close() {
        closed = true;
        channels.values().forEach(Channel::close);
        channels.clear();
        known.clear();
    }
}
