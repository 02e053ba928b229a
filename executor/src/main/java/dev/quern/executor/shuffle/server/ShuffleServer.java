package dev.quern.executor.shuffle.server;

import static java.util.Objects.requireNonNull;

import dev.quern.executor.logs.AttemptLogs;
import dev.quern.executor.spill.MapOutputRegistry;
import dev.quern.wire.NettyGroups;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the committed map outputs of one executor to reducers (see the package documentation for
 * the exchange). It serves only what is in its {@link MapOutputRegistry}, so a request never names a
 * file path.
 *
 * <p>Lifecycle: {@code LATENT -> STARTED -> CLOSED}. {@link #start()} binds once; {@link #close()} is
 * idempotent and may be called without a start (both are synchronized, so a close racing a start
 * cannot leak the threads). A malformed request closes only that connection.
 */
public final class ShuffleServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ShuffleServer.class);

    private enum State { LATENT, STARTED, CLOSED }

    private final MapOutputRegistry registry;
    private final AttemptLogs logs;
    private final String host;
    private final int requestedPort;
    private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
    private EventLoopGroup group; // guarded by this
    private volatile Channel serverChannel;

    /** A server on 127.0.0.1 and an ephemeral port, for tests and single-machine clusters. */
    public ShuffleServer(MapOutputRegistry registry) {
        this(registry, "127.0.0.1", 0);
    }

    /**
     * @param host the address to bind, e.g. {@code 0.0.0.0} or the executor's advertised host
     * @param port the port to bind; 0 picks a free one, read it back from {@link #start()}
     */
    public ShuffleServer(MapOutputRegistry registry, String host, int port) {
        this(registry, null, host, port);
    }

    /** @param logs the attempt logs served to {@code mr logs}; null: none (a request finds no logs) */
    public ShuffleServer(MapOutputRegistry registry, AttemptLogs logs, String host, int port) {
        this.registry = requireNonNull(registry, "registry is null");
        this.logs = logs;
        this.host = requireNonNull(host, "host is null");
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("shuffle port must be in 0..65535, got " + port);
        }
        this.requestedPort = port;
    }

    /**
     * Binds the listening socket and returns the bound port.
     *
     * @throws IOException if the address cannot be bound (port in use, unknown host); the server is
     *     then closed
     * @throws IllegalStateException if already started or closed
     */
    public synchronized int start() throws IOException {
        if (!state.compareAndSet(State.LATENT, State.STARTED)) {
            throw new IllegalStateException("shuffle server cannot start: it is " + state.get());
        }
        // One group accepts and serves: accepting is rare, and 0 threads means Netty's default (2 x cores).
        group = NettyGroups.create("quern-shuffle-server", 0);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ShuffleServerInitializer(registry, logs));
        try {
            serverChannel = bootstrap.bind(host, requestedPort).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IOException("interrupted while binding the shuffle server to " + host + ":" + requestedPort, e);
        } catch (Exception e) { // bind() rethrows checked socket exceptions undeclared
            close();
            throw new IOException("cannot bind the shuffle server to " + host + ":" + requestedPort + ": " + e, e);
        }
        int bound = port();
        log.info("shuffle server listening on {}:{}", host, bound);
        return bound;
    }

    /** The bound port; only meaningful after {@link #start()}. */
    public int port() {
        Channel channel = serverChannel;
        if (channel == null) {
            throw new IllegalStateException("shuffle server is not started");
        }
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Stops accepting, closes open connections (aborting transfers in flight) and frees the threads. */
    @Override
    public synchronized void close() {
        if (state.getAndSet(State.CLOSED) == State.CLOSED) {
            return;
        }
        Channel channel = serverChannel;
        if (channel != null) {
            channel.close().awaitUninterruptibly();
        }
        EventLoopGroup threads = group;
        if (threads == null) {
            return;
        }
        // No quiet period: reducers retry a failed fetch, there is nothing to drain politely.
        if (!threads.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS)) {
            log.warn("shuffle server threads did not stop within 10 s");
        }
    }
}
