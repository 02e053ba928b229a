package dev.quern.coordinator.rpc;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;

/** Listens for clients (the CLI, the embedded cluster) on the coordinator's client port. */
public final class ClientServer implements AutoCloseable {

    private final ClientRequests requests;
    private Channel channel;

    public ClientServer(ClientRequests requests) {
        this.requests = requests;
    }

    /** Binds and returns the port (an ephemeral one when {@code port} is 0). */
    public int start(EventLoopGroup boss, EventLoopGroup workers, String bindHost, int port) throws InterruptedException {
        channel = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ClientServerInitializer(requests))
                .bind(bindHost, port).sync().channel();
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().awaitUninterruptibly();
        }
    }
}
