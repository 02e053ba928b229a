package dev.quern.executor.shuffle.fetch;

import static java.util.Objects.requireNonNull;

import dev.quern.proto.FetchRequest;
import dev.quern.proto.FetchResponse;
import dev.quern.proto.ShuffleEnvelope;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one fetch on one connection: sends the request when the connection is up, then takes the
 * response header and the body chunks from {@link FetchResponseDecoder} and streams them into a
 * {@link SegmentSink} (a file or a byte array). The result completes exactly once; the connection is
 * closed either way, and {@link #released()} completes when the handler has let go of its sink.
 *
 * <p>The result is completed on the event loop: callers should not block in its callbacks.
 */
final class FetchClientHandler<T> extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(FetchClientHandler.class);

    private final SegmentSource source;
    private final SegmentSink.Opener<T> opener;
    private final Duration readIdleTimeout;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final CompletableFuture<Void> released = new CompletableFuture<>();
    private FetchResponse header;  // set once the response frame is in
    private boolean connected;     // channelActive came: the connection was established
    private SegmentSink<T> file;   // open from the header until the body is complete or the fetch fails

    FetchClientHandler(SegmentSource source, SegmentSink.Opener<T> opener, Duration readIdleTimeout) {
        this.source = requireNonNull(source, "source is null");
        this.opener = requireNonNull(opener, "opener is null");
        this.readIdleTimeout = requireNonNull(readIdleTimeout, "readIdleTimeout is null");
    }

    /** A fetch into the file {@code target}. */
    static FetchClientHandler<FetchedSegment> toFile(SegmentSource source, Path target, Duration readIdleTimeout) {
        return new FetchClientHandler<>(source, SegmentFile.opener(target), readIdleTimeout);
    }

    CompletableFuture<T> result() {
        return result;
    }

    /** Completes once the channel is gone and no temporary file of this fetch is left. */
    CompletableFuture<Void> released() {
        return released;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        connected = true;
        FetchRequest request = FetchRequest.newBuilder()
                .setJobId(source.jobId())
                .setMapAttemptId(source.mapAttemptId())
                .setPartition(source.partition())
                .build();
        ctx.writeAndFlush(ShuffleEnvelope.newBuilder().setFetchRequest(request).build())
                .addListener((ChannelFutureListener) f -> {
                    if (!f.isSuccess()) {
                        fail(ctx, FetchException.transport(source, "cannot send the request: " + f.cause(), f.cause()));
                    }
                });
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (result.isDone()) {
                return; // failed or cancelled: the connection is closing, drop what is still in flight
            }
            if (msg instanceof ShuffleEnvelope envelope) {
                onEnvelope(ctx, envelope).ifPresent(problem -> fail(ctx, problem));
            } else if (msg instanceof ByteBuf chunk) {
                onBody(ctx, chunk);
            } else {
                fail(ctx, FetchException.fatal(source, "unexpected message " + msg.getClass().getName(), null));
            }
        } catch (IOException e) {
            fail(ctx, FetchException.fatal(source, "cannot write the segment to " + opener.describe() + ": " + e, e));
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private Optional<FetchException> onEnvelope(ChannelHandlerContext ctx, ShuffleEnvelope envelope) throws IOException {
        // A switch expression, so the compiler rejects a body case added to the proto but not here.
        return switch (envelope.getBodyCase()) {
            case FETCH_RESPONSE -> onHeader(ctx, envelope.getFetchResponse());
            case ERROR -> Optional.of(FetchException.server(source, envelope.getError()));
            case FETCH_REQUEST, LOG_REQUEST, LOG_RESPONSE, BODY_NOT_SET -> Optional.of(FetchException.fatal(source,
                    "protocol error: server sent " + envelope.getBodyCase(), null));
        };
    }

    private Optional<FetchException> onHeader(ChannelHandlerContext ctx, FetchResponse response) throws IOException {
        if (header != null) {
            return Optional.of(FetchException.fatal(source, "protocol error: a second FetchResponse", null));
        }
        header = response;
        file = opener.open(response.getLength());
        if (response.getLength() == 0) {
            finish(ctx); // no body follows
        }
        return Optional.empty();
    }

    private void onBody(ChannelHandlerContext ctx, ByteBuf chunk) throws IOException {
        if (file == null) {
            fail(ctx, FetchException.fatal(source, "protocol error: segment bytes before a FetchResponse", null));
            return;
        }
        // Blocking write on the event loop: a local write lands in the page cache at memory speed,
        // and keeping it here keeps backpressure trivial (nothing is read while we write).
        ByteBuffer[] buffers = chunk.nioBuffers(chunk.readerIndex(), chunk.readableBytes());
        file.write(buffers);
        if (file.written() == header.getLength()) {
            finish(ctx);
        }
    }

    private void finish(ChannelHandlerContext ctx) throws IOException {
        int actual = file.finish();
        if (actual != header.getCrc32C()) {
            fail(ctx, FetchException.corrupt(source, String.format("CRC32C mismatch over %d bytes: expected %08x got %08x",
                    header.getLength(), header.getCrc32C(), actual)));
            return;
        }
        T committed = file.commit(header.getRecords());
        if (result.complete(committed)) {
            file = null;
        } else {
            discardFile(null); // cancelled by the caller while we renamed: no file after a failure
        }
        ctx.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            fail(ctx, FetchException.transport(source, "no bytes from the server for " + readIdleTimeout.toMillis()
                    + " ms (read idle timeout), " + progress(), null));
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException) {
            fail(ctx, FetchException.transport(source, "malformed response: " + cause.getMessage(), cause));
        } else if (cause instanceof IOException) {
            fail(ctx, FetchException.transport(source, "connection failed, " + progress() + ": " + cause, cause));
        } else {
            fail(ctx, FetchException.fatal(source, "internal error: " + cause, cause));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!result.isDone()) {
            fail(ctx, FetchException.transport(source, "connection closed early, " + progress(), null));
        }
        discardFile(null); // a cancelled fetch leaves its temporary file here
        ctx.fireChannelInactive();
    }

    /** The channel is deregistered (closed, also after a failed connect): nothing of ours is left. */
    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (!result.isDone()) {
            // A failed connect may deregister the channel before the connect listener runs: say what happened.
            result.completeExceptionally(FetchException.transport(source,
                    connected ? "connection closed, " + progress() : "cannot connect", null));
        }
        discardFile(null);
        released.complete(null);
    }

    private String progress() {
        if (header == null) {
            return "before any response";
        }
        long written = file == null ? 0 : file.written();
        return "after " + written + " of " + header.getLength() + " segment bytes";
    }

    /** Deletes the partial file first, so a caller that sees the failure never sees the temp file. */
    private void fail(ChannelHandlerContext ctx, FetchException problem) {
        if (!result.isDone()) {
            discardFile(problem);
            result.completeExceptionally(problem);
        }
        ctx.close();
    }

    private void discardFile(FetchException primary) {
        if (file != null) {
            try {
                file.discard();
            } catch (IOException e) {
                if (primary != null) {
                    primary.addSuppressed(e); // cleanup must not hide why the fetch failed
                } else {
                    log.warn("cannot delete the partial fetch of {}: {}", source, e.toString());
                }
            }
            file = null;
        }
    }
}
