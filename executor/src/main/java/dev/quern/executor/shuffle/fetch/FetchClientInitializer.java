package dev.quern.executor.shuffle.fetch;

import static java.util.Objects.requireNonNull;

import dev.quern.wire.Frames;
import dev.quern.wire.ProtoFrameEncoder;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline of one fetch connection. The idle handler comes first so that any byte read, header
 * or body, counts as progress: a slow but moving transfer never times out, a silent server does.
 */
final class FetchClientInitializer extends ChannelInitializer<SocketChannel> {

    private final FetchClientHandler<?> handler;
    private final Duration readIdleTimeout;

    FetchClientInitializer(FetchClientHandler<?> handler, Duration readIdleTimeout) {
        this.handler = requireNonNull(handler, "handler is null");
        this.readIdleTimeout = requireNonNull(readIdleTimeout, "readIdleTimeout is null");
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline()
                .addLast("idle", new IdleStateHandler(readIdleTimeout.toMillis(), 0, 0, TimeUnit.MILLISECONDS))
                .addLast("responseDecoder", new FetchResponseDecoder())
                .addLast("frameEncoder", new ProtoFrameEncoder(Frames.MAX_SHUFFLE_FRAME))
                .addLast("handler", handler);
    }
}
