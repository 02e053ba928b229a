package dev.quern.client;

import dev.quern.proto.ClientEnvelope;
import dev.quern.proto.JobStatus;
import dev.quern.wire.QuernException;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Matches replies to requests by {@code request_id}. A submit's first reply is {@code JobSubmitted};
 * the job statuses pushed after it carry the same id and go to the submit's watcher.
 */
final class ClientChannelHandler extends SimpleChannelInboundHandler<ClientEnvelope> {

    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<ClientEnvelope>> pending = new ConcurrentHashMap<>();
    private final Map<Long, Consumer<JobStatus>> watchers = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    CompletableFuture<ClientEnvelope> send(Channel channel, ClientEnvelope request, Consumer<JobStatus> watcher) {
        long id = ids.incrementAndGet();
        CompletableFuture<ClientEnvelope> reply = new CompletableFuture<>();
        pending.put(id, reply);
        if (watcher != null) {
            watchers.put(id, watcher);
        }
        channel.writeAndFlush(request.toBuilder().setRequestId(id).build()).addListener(f -> {
            if (!f.isSuccess()) {
                pending.remove(id);
                reply.completeExceptionally(new IllegalStateException("cannot send to the coordinator: " + f.cause(), f.cause()));
            }
        });
        return reply;
    }

    CompletableFuture<Void> closed() {
        return closed;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ClientEnvelope msg) {
        long id = msg.getRequestId();
        switch (msg.getBodyCase()) {
            case JOB_STATUS -> {
                CompletableFuture<ClientEnvelope> reply = pending.remove(id);
                if (reply != null) {
                    reply.complete(msg);
                    return;
                }
                Consumer<JobStatus> watcher = watchers.get(id);
                if (watcher != null) {
                    if (msg.getJobStatus().getState() != JobStatus.State.RUNNING) {
                        watchers.remove(id);
                    }
                    watcher.accept(msg.getJobStatus());
                }
            }
            case JOB_SUBMITTED, JOB_LIST -> complete(id, msg);
            case ERROR -> {
                watchers.remove(id);
                CompletableFuture<ClientEnvelope> reply = pending.remove(id);
                if (reply != null) {
                    reply.completeExceptionally(new QuernException(msg.getError()));
                }
            }
            case SUBMIT_JOB, GET_JOB_STATUS, KILL_JOB, LIST_JOBS, BODY_NOT_SET ->
                    ctx.close(); // a coordinator never sends requests: the peer is confused, stop talking
        }
    }

    private void complete(long id, ClientEnvelope msg) {
        CompletableFuture<ClientEnvelope> reply = pending.remove(id);
        if (reply != null) {
            reply.complete(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        IllegalStateException lost = new IllegalStateException("connection to the coordinator was closed");
        pending.values().forEach(f -> f.completeExceptionally(lost));
        pending.clear();
        closed.complete(null);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
