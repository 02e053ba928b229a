package dev.quern.coordinator.rpc;

import dev.quern.coordinator.job.JobListener;
import dev.quern.proto.ClientEnvelope;
import dev.quern.proto.Error;
import dev.quern.proto.JobList;
import dev.quern.proto.JobStatus;
import dev.quern.proto.JobSubmitted;
import dev.quern.wire.Errors;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serves one client connection: every request is answered, with a result or an {@code Error}. */
final class ClientServerHandler extends SimpleChannelInboundHandler<ClientEnvelope> {

    private static final Logger log = LoggerFactory.getLogger(ClientServerHandler.class);

    private final ClientRequests requests;
    private boolean closing; // after a malformed frame: requests already read (pipelined behind it) are dropped, not served

    ClientServerHandler(ClientRequests requests) {
        this.requests = requests;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ClientEnvelope msg) {
        if (closing) {
            return;
        }
        Channel ch = ctx.channel();
        long id = msg.getRequestId();
        switch (msg.getBodyCase()) {
            case SUBMIT_JOB -> {
                boolean watch = msg.getSubmitJob().getWatch();
                requests.submit(msg.getSubmitJob().getSpec(), new JobListener() {
                    @Override
                    public void accepted(String jobId) {
                        ch.writeAndFlush(reply(ch, id).setJobSubmitted(JobSubmitted.newBuilder().setJobId(jobId)).build());
                    }

                    @Override
                    public void status(JobStatus status) {
                        if (watch && ch.isActive()) {
                            ch.writeAndFlush(reply(ch, id).setJobStatus(status).build());
                        }
                    }
                }, error -> sendError(ch, id, error));
            }
            case GET_JOB_STATUS -> {
                if (msg.getGetJobStatus().getWatch()) {
                    requests.watch(msg.getGetJobStatus().getJobId(), new JobListener() {
                        @Override public void accepted(String jobId) {}
                        @Override public void status(JobStatus status) {
                            if (ch.isActive()) {
                                ch.writeAndFlush(reply(ch, id).setJobStatus(status).build());
                            }
                        }
                    }, error -> sendError(ch, id, error));
                } else {
                    requests.status(msg.getGetJobStatus().getJobId(),
                            status -> ch.writeAndFlush(reply(ch, id).setJobStatus(status).build()), error -> sendError(ch, id, error));
                }
            }
            case KILL_JOB -> requests.kill(msg.getKillJob().getJobId(),
                    status -> ch.writeAndFlush(reply(ch, id).setJobStatus(status).build()), error -> sendError(ch, id, error));
            case LIST_JOBS -> requests.list(jobs -> ch.writeAndFlush(reply(ch, id).setJobList(JobList.newBuilder().addAllJobs(jobs)).build()),
                    error -> sendError(ch, id, error));
            case JOB_SUBMITTED, JOB_STATUS, JOB_LIST, ERROR, BODY_NOT_SET -> sendError(ch, id, Errors.of(Error.Code.INVALID_ARGUMENT,
                    "a client does not send " + msg.getBodyCase(), false));
        }
    }

    private static ClientEnvelope.Builder reply(Channel ch, long requestId) {
        return ClientEnvelope.newBuilder().setRequestId(requestId);
    }

    private static void sendError(Channel ch, long requestId, Error error) {
        ch.writeAndFlush(reply(ch, requestId).setError(error).build());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (closing) {
            return;
        }
        if (cause instanceof DecoderException) {
            closing = true;
            log.warn("malformed frame from client {}: {}", ctx.channel().remoteAddress(), cause.getMessage());
            ctx.writeAndFlush(ClientEnvelope.newBuilder().setError(Errors.of(Error.Code.MALFORMED_FRAME,
                    "malformed frame: " + cause.getMessage(), false)).build()).addListener(f -> ctx.close());
        } else {
            log.warn("client connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }
}
