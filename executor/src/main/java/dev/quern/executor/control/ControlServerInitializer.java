package dev.quern.executor.control;

import dev.quern.proto.ControlEnvelope;
import dev.quern.wire.Frames;
import dev.quern.wire.ProtoFrameDecoder;
import dev.quern.wire.ProtoFrameEncoder;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import java.util.function.Supplier;

/** Frames in, envelopes out, one handler per connection. */
public final class ControlServerInitializer extends ChannelInitializer<SocketChannel> {

    private final Supplier<ControlServerHandler> handlers;

    public ControlServerInitializer(Supplier<ControlServerHandler> handlers) {
        this.handlers = handlers;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline()
                .addLast(new ProtoFrameDecoder<>(ControlEnvelope.parser(), Frames.MAX_CONTROL_FRAME))
                .addLast(new ProtoFrameEncoder(Frames.MAX_CONTROL_FRAME))
                .addLast(handlers.get());
    }
}
