package dev.quern.executor.shuffle.server;

import static java.util.Objects.requireNonNull;

import dev.quern.executor.logs.AttemptLogs;
import dev.quern.executor.spill.MapOutputRegistry;
import dev.quern.proto.ShuffleEnvelope;
import dev.quern.wire.Frames;
import dev.quern.wire.ProtoFrameDecoder;
import dev.quern.wire.ProtoFrameEncoder;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;

/**
 * The pipeline of one reducer connection: bounded request frames in, response frames and file
 * regions out. A request frame is tiny, so the shuffle limit (64 KiB) refuses garbage early.
 */
final class ShuffleServerInitializer extends ChannelInitializer<SocketChannel> {

    private final MapOutputRegistry registry;
    private final AttemptLogs logs;
    private final ProtoFrameEncoder encoder = new ProtoFrameEncoder(Frames.MAX_SHUFFLE_FRAME);

    ShuffleServerInitializer(MapOutputRegistry registry, AttemptLogs logs) {
        this.registry = requireNonNull(registry, "registry is null");
        this.logs = logs;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline()
                .addLast("frameDecoder", new ProtoFrameDecoder<>(ShuffleEnvelope.parser(), Frames.MAX_SHUFFLE_FRAME))
                .addLast("frameEncoder", encoder)
                .addLast("handler", new ShuffleServerHandler(registry, logs));
    }
}
