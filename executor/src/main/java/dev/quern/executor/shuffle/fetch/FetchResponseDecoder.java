package dev.quern.executor.shuffle.fetch;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.quern.proto.ShuffleEnvelope;
import dev.quern.wire.Frames;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import java.util.List;

/**
 * Splits the server's byte stream into frames and raw segment bytes. In frame mode it emits one
 * {@link ShuffleEnvelope} per length-prefixed frame; after a {@code FetchResponse} of length L it
 * switches to body mode and emits the next L bytes as {@link ByteBuf} chunks (retained slices, which
 * the next handler must release) as they arrive, then returns to frame mode. A plain
 * {@code LengthFieldBasedFrameDecoder} cannot do this: it would read the body as the next frame.
 *
 * <p>Only frame headers are accumulated; body bytes are handed on as soon as they are readable, so a
 * segment of any size passes through without being held whole.
 */
final class FetchResponseDecoder extends ByteToMessageDecoder {

    private final int maxFrameLength;
    private long bodyRemaining; // > 0 exactly while in body mode

    FetchResponseDecoder() {
        this(Frames.MAX_SHUFFLE_FRAME);
    }

    FetchResponseDecoder(int maxFrameLength) {
        this.maxFrameLength = maxFrameLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws CorruptedFrameException {
        if (bodyRemaining > 0) {
            int chunk = (int) Math.min(in.readableBytes(), bodyRemaining);
            if (chunk > 0) {
                out.add(in.readRetainedSlice(chunk));
                bodyRemaining -= chunk;
            }
            return;
        }
        if (in.readableBytes() < Frames.LENGTH_BYTES) {
            return;
        }
        int length = in.getInt(in.readerIndex());
        if (length < 0 || length > maxFrameLength) {
            throw new CorruptedFrameException("shuffle frame length " + Integer.toUnsignedString(length)
                    + " is outside 0.." + maxFrameLength);
        }
        if (in.readableBytes() < Frames.LENGTH_BYTES + length) {
            return;
        }
        in.skipBytes(Frames.LENGTH_BYTES);
        ShuffleEnvelope envelope;
        try {
            envelope = ShuffleEnvelope.parser().parseFrom(in.nioBuffer(in.readerIndex(), length));
        } catch (InvalidProtocolBufferException e) {
            throw new CorruptedFrameException("frame of " + length + " bytes is not a ShuffleEnvelope: " + e.getMessage(), e);
        }
        in.skipBytes(length);
        if (envelope.hasFetchResponse()) {
            long bodyLength = envelope.getFetchResponse().getLength();
            if (bodyLength < 0) {
                throw new CorruptedFrameException("FetchResponse announces a negative length " + bodyLength);
            }
            bodyRemaining = bodyLength;
        }
        out.add(envelope);
    }
}
