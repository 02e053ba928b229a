package dev.quern.executor.control;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;

/** Listens for the coordinator on the executor's control port. */
public final class ControlServer implements AutoCloseable {

    private final ControlServerInitializer initializer;
    private Channel channel;

    public ControlServer(ControlServerInitializer initializer) {
        this.initializer = initializer;
    }

    /** Binds and returns the port (an ephemeral one when {@code port} is 0). */
    public int start(EventLoopGroup boss, EventLoopGroup workers, String bindHost, int port) throws InterruptedException {
        channel = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(initializer)
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
