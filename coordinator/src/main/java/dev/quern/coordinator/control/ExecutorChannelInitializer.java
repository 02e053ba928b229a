package dev.quern.coordinator.control;

import dev.quern.proto.ControlEnvelope;
import dev.quern.wire.Frames;
import dev.quern.wire.ProtoFrameDecoder;
import dev.quern.wire.ProtoFrameEncoder;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;

final class ExecutorChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final ExecutorChannelHandler handler;

    ExecutorChannelInitializer(ExecutorChannelHandler handler) {
        this.handler = handler;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline()
                .addLast(new ProtoFrameDecoder<>(ControlEnvelope.parser(), Frames.MAX_CONTROL_FRAME))
                .addLast(new ProtoFrameEncoder(Frames.MAX_CONTROL_FRAME))
                .addLast(handler);
    }
}
