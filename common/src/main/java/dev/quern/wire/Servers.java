package dev.quern.wire;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;

/** Binds a Netty server the way every Quern endpoint does (NIO, TCP_NODELAY on accepted channels). */
public final class Servers {

    private Servers() {}

    /** Binds {@code host:port} (port 0: an ephemeral one) and returns the bound channel. */
    public static Channel bind(EventLoopGroup boss, EventLoopGroup workers, String host, int port, ChannelHandler initializer)
            throws InterruptedException {
        return new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(initializer)
                .bind(host, port).sync().channel();
    }

    public static int port(Channel channel) {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }
}
