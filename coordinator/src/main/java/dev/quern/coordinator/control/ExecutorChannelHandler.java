package dev.quern.coordinator.control;

import dev.quern.proto.ControlEnvelope;
import dev.quern.proto.ExecutorInfo;
import dev.quern.proto.Hello;
import dev.quern.wire.Errors;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One connection to one executor: hello on connect, then task updates and fetch failures in. */
final class ExecutorChannelHandler extends SimpleChannelInboundHandler<ControlEnvelope> {

    private static final Logger log = LoggerFactory.getLogger(ExecutorChannelHandler.class);

    private final ExecutorInfo executor;
    private final long epoch;
    private final String coordinatorId;
    private final ControlEvents events;
    private final Runnable closed;

    ExecutorChannelHandler(ExecutorInfo executor, long epoch, String coordinatorId, ControlEvents events, Runnable closed) {
        this.executor = executor;
        this.epoch = epoch;
        this.coordinatorId = coordinatorId;
        this.events = events;
        this.closed = closed;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(ControlEnvelope.newBuilder().setEpoch(epoch)
                .setHello(Hello.newBuilder().setCoordinatorId(coordinatorId)).build());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ControlEnvelope msg) {
        switch (msg.getBodyCase()) {
            case HELLO_ACK -> events.ready(msg.getHelloAck().getExecutor().toBuilder()
                    .setExecutorId(executor.getExecutorId()).build(), msg.getHelloAck());
            case TASK_UPDATE -> events.update(executor.getExecutorId(), msg.getTaskUpdate());
            case FETCH_FAILED -> events.fetchFailed(executor.getExecutorId(), msg.getFetchFailed());
            case ERROR -> {
                log.warn("executor {} refused us: {}", executor.getExecutorId(), Errors.describe(msg.getError()));
                ctx.close();
            }
            case HELLO, LAUNCH_TASK, KILL_TASK, MAP_OUTPUTS_AVAILABLE, BODY_NOT_SET -> {
                log.warn("executor {} sent {}, which only a coordinator sends: closing", executor.getExecutorId(), msg.getBodyCase());
                ctx.close();
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed.run();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.warn("control connection to executor {} failed: {}", executor.getExecutorId(), cause.toString());
        ctx.close();
    }
}
