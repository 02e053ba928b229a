package dev.quern.coordinator.rpc;

import dev.quern.wire.Servers;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;

/** Listens for clients (the CLI, the embedded cluster) on the coordinator's client port. */
public final class ClientServer implements AutoCloseable {

    private final ClientRequests requests;
    private Channel channel;

    public ClientServer(ClientRequests requests) {
        this.requests = requests;
    }

    /** Binds and returns the port (an ephemeral one when {@code port} is 0). */
    public int start(EventLoopGroup boss, EventLoopGroup workers, String bindHost, int port) throws InterruptedException {
        channel = Servers.bind(boss, workers, bindHost, port, new ClientServerInitializer(requests));
        return Servers.port(channel);
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().awaitUninterruptibly();
        }
    }
}
