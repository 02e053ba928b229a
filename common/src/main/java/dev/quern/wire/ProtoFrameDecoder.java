package dev.quern.wire;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.io.IOException;

/**
 * Reads one length-prefixed frame and parses it as the channel's envelope. An oversized length or a
 * body that does not parse raises a {@link CorruptedFrameException} for the handler to answer.
 */
public final class ProtoFrameDecoder<T extends MessageLite> extends LengthFieldBasedFrameDecoder {

    private final Parser<T> parser;

    public ProtoFrameDecoder(Parser<T> parser, int maxFrameLength) {
        super(maxFrameLength + Frames.LENGTH_BYTES, 0, Frames.LENGTH_BYTES, 0, Frames.LENGTH_BYTES, true);
        this.parser = parser;
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        ByteBuf frame = (ByteBuf) super.decode(ctx, in);
        if (frame == null) {
            return null;
        }
        int length = frame.readableBytes();
        try (ByteBufInputStream stream = new ByteBufInputStream(frame, true)) {
            return parser.parseFrom(stream);
        } catch (InvalidProtocolBufferException e) {
            throw new CorruptedFrameException("frame of " + length + " bytes is not a valid envelope: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new CorruptedFrameException("frame unreadable: " + e.getMessage(), e);
        }
    }
}
