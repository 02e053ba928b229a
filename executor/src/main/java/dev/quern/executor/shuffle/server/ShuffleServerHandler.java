package dev.quern.executor.shuffle.server;

import static java.util.Objects.requireNonNull;

import dev.quern.executor.logs.AttemptLogs;
import dev.quern.executor.spill.IndexFile;
import dev.quern.executor.spill.MapOutput;
import dev.quern.executor.spill.MapOutputRegistry;
import dev.quern.proto.Error;
import dev.quern.proto.FetchRequest;
import dev.quern.proto.FetchResponse;
import dev.quern.proto.ShuffleEnvelope;
import dev.quern.wire.Errors;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the fetch requests of one connection, in arrival order: Netty keeps the writes of a channel
 * in order, so pipelined requests get their header and segment back to back without interleaving.
 *
 * <p>Everything that can be refused is checked before the header is written. Once a header has gone
 * out, the peer expects exactly {@code length} raw bytes, so a later failure can only close the
 * connection; an {@code Error} frame there would be read as segment bytes.
 *
 * <p>Backpressure: Netty sizes a file region as 0 bytes, so channel writability never turns off for
 * a client that pipelines requests and reads slowly. Instead, at {@value #MAX_SEGMENTS_IN_FLIGHT}
 * unsent segments the handler stops reading requests, which bounds the files open per connection
 * (plus the requests already in the last read buffer).
 *
 * <p>Not sharable: the fields are per connection and touched only on its event loop.
 */
final class ShuffleServerHandler extends SimpleChannelInboundHandler<ShuffleEnvelope> {

    private static final Logger log = LoggerFactory.getLogger(ShuffleServerHandler.class);

    static final int MAX_SEGMENTS_IN_FLIGHT = 16;

    private final MapOutputRegistry registry;
    private final AttemptLogs logs;
    private boolean closing; // after a protocol error, answer nothing more
    private int segmentsInFlight;

    ShuffleServerHandler(MapOutputRegistry registry, AttemptLogs logs) {
        this.registry = requireNonNull(registry, "registry is null");
        this.logs = logs;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ShuffleEnvelope msg) {
        if (closing) {
            return;
        }
        // A switch expression, so the compiler rejects a body case added to the proto but not here.
        ChannelFuture unused = switch (msg.getBodyCase()) {
            case FETCH_REQUEST -> serve(ctx, msg.getFetchRequest());
            case LOG_REQUEST -> ctx.writeAndFlush(LogAnswers.answer(logs, msg.getLogRequest()));
            case FETCH_RESPONSE, LOG_RESPONSE, ERROR, BODY_NOT_SET -> refuseAndClose(ctx, Errors.of(Error.Code.INVALID_ARGUMENT,
                    "shuffle server accepts only FetchRequest and LogRequest, got " + msg.getBodyCase(), false));
        };
    }

    private ChannelFuture serve(ChannelHandlerContext ctx, FetchRequest request) {
        String job = request.getJobId();
        String attempt = request.getMapAttemptId();
        int partition = request.getPartition();
        Optional<MapOutput> found = registry.find(job, attempt);
        if (found.isEmpty()) {
            // Retriable: the coordinator may re-run the map elsewhere and point the reducer there.
            return ctx.writeAndFlush(error(Error.Code.NOT_FOUND,
                    "no map output for job " + job + " attempt " + attempt + " on this executor", true));
        }
        MapOutput output = found.get();
        int partitions = output.index().partitions();
        if (partition < 0 || partition >= partitions) {
            return ctx.writeAndFlush(error(Error.Code.INVALID_ARGUMENT, "partition " + partition + " out of range: job "
                    + job + " attempt " + attempt + " has " + partitions + " partitions", false));
        }
        IndexFile.Entry entry = output.index().entry(partition);
        FetchResponse header = FetchResponse.newBuilder()
                .setLength(entry.length())
                .setRecords(entry.records())
                .setCrc32C(entry.crc32c())
                .build();
        if (entry.length() == 0) {
            return ctx.writeAndFlush(ShuffleEnvelope.newBuilder().setFetchResponse(header).build());
        }
        DefaultFileRegion region;
        try {
            region = openRegion(output, entry);
        } catch (IOException e) {
            log.warn("cannot serve job {} attempt {} partition {}: {}", job, attempt, partition, e.toString());
            // Not retriable: the file will not come back; the map must be re-run.
            return ctx.writeAndFlush(error(Error.Code.IO_ERROR, "job " + job + " attempt " + attempt + " partition "
                    + partition + ": " + e.getMessage(), false));
        }
        ctx.write(ShuffleEnvelope.newBuilder().setFetchResponse(header).build(), ctx.voidPromise());
        if (++segmentsInFlight == MAX_SEGMENTS_IN_FLIGHT) {
            ctx.channel().config().setAutoRead(false);
        }
        return ctx.writeAndFlush(region).addListener((ChannelFutureListener) f -> {
            if (segmentsInFlight-- == MAX_SEGMENTS_IN_FLIGHT && !closing) {
                f.channel().config().setAutoRead(true);
            }
            if (!f.isSuccess()) {
                // The peer has a header and part of a body: the stream cannot be resynchronized.
                log.warn("sending job {} attempt {} partition {} to {} failed: {}",
                        job, attempt, partition, f.channel().remoteAddress(), f.cause().toString());
                f.channel().close();
            }
        });
    }

    /**
     * Opens the segment as a file region that owns its file channel (the region closes it once sent
     * or failed). The size check turns a truncated file into an {@code Error} instead of a short body.
     */
    private static DefaultFileRegion openRegion(MapOutput output, IndexFile.Entry entry) throws IOException {
        FileChannel file = FileChannel.open(output.data(), StandardOpenOption.READ);
        try {
            long size = file.size();
            if (entry.offset() < 0 || entry.offset() + entry.length() > size) {
                throw new IOException("data file " + output.data() + " has " + size + " bytes, the segment needs ["
                        + entry.offset() + ", " + (entry.offset() + entry.length()) + ")");
            }
            return new DefaultFileRegion(file, entry.offset(), entry.length());
        } catch (IOException | RuntimeException e) {
            try {
                file.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private ChannelFuture refuseAndClose(ChannelHandlerContext ctx, Error error) {
        closing = true;
        log.warn("closing shuffle connection from {}: {}", ctx.channel().remoteAddress(), Errors.describe(error));
        return ctx.writeAndFlush(ShuffleEnvelope.newBuilder().setError(error).build())
                .addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (closing) {
            return;
        }
        if (cause instanceof DecoderException) {
            // Covers CorruptedFrameException and TooLongFrameException (a length over 64 KiB).
            refuseAndClose(ctx, Errors.of(Error.Code.MALFORMED_FRAME, "malformed shuffle request frame: "
                    + cause.getMessage(), false));
        } else if (cause instanceof IOException) {
            log.debug("shuffle connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close(); // reset by peer and the like: nobody left to answer
        } else {
            // A bug here; a frame now could land in the middle of a segment, so close without one.
            log.error("shuffle connection from {} failed", ctx.channel().remoteAddress(), cause);
            closing = true;
            ctx.close();
        }
    }

    private static ShuffleEnvelope error(Error.Code code, String message, boolean retriable) {
        return ShuffleEnvelope.newBuilder().setError(Errors.of(code, message, retriable)).build();
    }
}
