package dev.quern.executor.control;

import dev.quern.wire.Servers;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;

/** Listens for the coordinator on the executor's control port. */
public final class ControlServer implements AutoCloseable {

    private final ControlServerInitializer initializer;
    private Channel channel;

    public ControlServer(ControlServerInitializer initializer) {
        this.initializer = initializer;
    }

    /** Binds and returns the port (an ephemeral one when {@code port} is 0). */
    public int start(EventLoopGroup boss, EventLoopGroup workers, String bindHost, int port) throws InterruptedException {
        channel = Servers.bind(boss, workers, bindHost, port, initializer);
        return Servers.port(channel);
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().awaitUninterruptibly();
        }
    }
}
