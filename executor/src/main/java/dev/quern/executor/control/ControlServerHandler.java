package dev.quern.executor.control;

import dev.quern.executor.spill.MapOutputRegistry;
import dev.quern.executor.task.TaskRunner;
import dev.quern.proto.AttemptRef;
import dev.quern.proto.ControlEnvelope;
import dev.quern.proto.Error;
import dev.quern.proto.ExecutorInfo;
import dev.quern.proto.HelloAck;
import dev.quern.wire.Errors;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serves one coordinator connection: hello, launches, kills, and map outputs for running reduces. */
public final class ControlServerHandler extends SimpleChannelInboundHandler<ControlEnvelope> {

    private static final Logger log = LoggerFactory.getLogger(ControlServerHandler.class);

    private final Supplier<ExecutorInfo> info;
    private final CoordinatorLink link;
    private final TaskRunner runner;
    private final Consumer<String> jobDone;
    private final MapOutputRegistry registry;
    private boolean helloed;
    private boolean closing; // after a refusal: frames already read (pipelined behind it) are dropped, not served

    public ControlServerHandler(Supplier<ExecutorInfo> info, CoordinatorLink link, TaskRunner runner, Consumer<String> jobDone,
            MapOutputRegistry registry) {
        this.registry = registry;
        this.info = info;
        this.link = link;
        this.runner = runner;
        this.jobDone = jobDone;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ControlEnvelope msg) {
        if (closing) {
            return;
        }
        if (msg.getBodyCase() != ControlEnvelope.BodyCase.HELLO && !helloed) {
            refuse(ctx, Errors.of(Error.Code.INVALID_ARGUMENT, msg.getBodyCase() + " before Hello: a coordinator says hello first", false));
            return;
        }
        if (msg.getBodyCase() != ControlEnvelope.BodyCase.HELLO && msg.getEpoch() < link.epoch()) {
            refuse(ctx, Errors.of(Error.Code.STALE_EPOCH, "message of epoch " + msg.getEpoch()
                    + " refused: this executor follows epoch " + link.epoch(), false));
            return;
        }
        switch (msg.getBodyCase()) {
            case HELLO -> {
                if (!link.attach(ctx.channel(), msg.getEpoch())) {
                    refuse(ctx, Errors.of(Error.Code.STALE_EPOCH, "hello of epoch " + msg.getEpoch()
                            + " refused: this executor follows epoch " + link.epoch(), false));
                    return;
                }
                helloed = true;
                log.info("coordinator {} (epoch {}) connected", msg.getHello().getCoordinatorId(), msg.getEpoch());
                // What it runs and what it serves: a new leader resumes its jobs from this.
                HelloAck.Builder ack = HelloAck.newBuilder().setExecutor(info.get()).addAllRunningAttempts(runner.runningAttempts());
                runner.runningByJob().forEach(r -> ack.addRunning(ref(r)));
                registry.held().forEach(h -> ack.addMapOutputs(ref(h)));
                ctx.writeAndFlush(ControlEnvelope.newBuilder().setEpoch(msg.getEpoch()).setHelloAck(ack).build());
            }
            case LAUNCH_TASK -> runner.launch(msg.getLaunchTask().getAssignment());
            case KILL_TASK -> {
                String jobId = msg.getKillTask().getJobId();
                var stopped = runner.kill(jobId, msg.getKillTask().getAttemptId());
                if (msg.getKillTask().getAttemptId().isEmpty()) {
                    stopped.thenRun(() -> jobDone.accept(jobId)); // delete the files once nothing writes them
                }
            }
            case MAP_OUTPUTS_AVAILABLE -> runner.mapOutputs(msg.getMapOutputsAvailable());
            case ERROR -> log.warn("coordinator reported {}", Errors.describe(msg.getError()));
            case HELLO_ACK, TASK_UPDATE, FETCH_FAILED, BODY_NOT_SET -> refuse(ctx, Errors.of(Error.Code.INVALID_ARGUMENT,
                    "a coordinator does not send " + msg.getBodyCase(), false));
        }
    }

    private static AttemptRef ref(Map.Entry<String, String> jobAndAttempt) {
        return AttemptRef.newBuilder().setJobId(jobAndAttempt.getKey()).setAttemptId(jobAndAttempt.getValue()).build();
    }

    private void refuse(ChannelHandlerContext ctx, Error error) {
        closing = true;
        log.warn("closing control connection from {}: {}", ctx.channel().remoteAddress(), Errors.describe(error));
        ctx.writeAndFlush(ControlEnvelope.newBuilder().setError(error).build()).addListener(f -> ctx.close());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        link.detach(ctx.channel());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (closing) {
            return;
        }
        if (cause instanceof DecoderException) {
            refuse(ctx, Errors.of(Error.Code.MALFORMED_FRAME, "malformed control frame: " + cause.getMessage(), false));
        } else {
            log.warn("control connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }
}
