package dev.quern.coordinator.rpc;

import dev.quern.proto.ClientEnvelope;
import dev.quern.wire.Frames;
import dev.quern.wire.ProtoFrameDecoder;
import dev.quern.wire.ProtoFrameEncoder;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;

final class ClientServerInitializer extends ChannelInitializer<SocketChannel> {

    private final ClientRequests requests;

    ClientServerInitializer(ClientRequests requests) {
        this.requests = requests;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline()
                .addLast(new ProtoFrameDecoder<>(ClientEnvelope.parser(), Frames.MAX_CONTROL_FRAME))
                .addLast(new ProtoFrameEncoder(Frames.MAX_CONTROL_FRAME))
                .addLast(new ClientServerHandler(requests));
    }
}
