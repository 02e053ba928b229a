package dev.quern.wire;

import com.google.protobuf.MessageLite;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToByteEncoder;
import java.io.IOException;

/** Writes a protobuf message as one frame: 4-byte length, then the bytes. */
@Sharable
public final class ProtoFrameEncoder extends MessageToByteEncoder<MessageLite> {

    private final int maxFrameLength;

    public ProtoFrameEncoder(int maxFrameLength) {
        super(MessageLite.class);
        this.maxFrameLength = maxFrameLength;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, MessageLite msg, ByteBuf out) throws IOException {
        int size = msg.getSerializedSize();
        if (size > maxFrameLength) {
            throw new EncoderException("frame of " + size + " bytes exceeds the limit of " + maxFrameLength);
        }
        out.ensureWritable(Frames.LENGTH_BYTES + size);
        out.writeInt(size);
        msg.writeTo(new ByteBufOutputStream(out));
    }
}
