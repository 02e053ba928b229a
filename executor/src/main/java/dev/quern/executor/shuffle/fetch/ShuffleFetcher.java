package dev.quern.executor.shuffle.fetch;

import static java.util.Objects.requireNonNull;

import dev.quern.wire.NettyGroups;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches map output segments from shuffle servers into local files or byte arrays (see the package
 * documentation for the exchange). Each fetch uses its own connection; many may run at once.
 *
 * <p>Guarantees: a fetch completes exactly once; on success the target file (or array) holds exactly
 * the segment, its length and CRC32C checked against the server's index; on failure (a
 * {@link FetchException}) no file is left behind, neither the target nor a temporary one, once the
 * transfer is {@linkplain Transfer#released() released}. A fetch to a file never holds the segment in
 * memory whole. Cancelling the result aborts the transfer.
 *
 * <p>Futures complete on a Netty event loop: do not block in their callbacks.
 */
public final class ShuffleFetcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ShuffleFetcher.class);

    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final FetchOptions options;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A fetcher with its own event loop threads and the default timeouts (10 s connect, 30 s idle). */
    public ShuffleFetcher() {
        this(FetchOptions.DEFAULTS);
    }

    /** A fetcher with its own event loop threads, shut down by {@link #close()}. */
    public ShuffleFetcher(FetchOptions options) {
        this(NettyGroups.create("quern-shuffle-fetch", 0), true, options);
    }

    /** A fetcher on a shared event loop group, which {@link #close()} leaves running. */
    public ShuffleFetcher(EventLoopGroup group, FetchOptions options) {
        this(group, false, options);
    }

    private ShuffleFetcher(EventLoopGroup group, boolean ownsGroup, FetchOptions options) {
        this.group = requireNonNull(group, "group is null");
        this.ownsGroup = ownsGroup;
        this.options = requireNonNull(options, "options is null");
    }

    /**
     * Fetches one partition of one map attempt's output into {@code target}, replacing any file
     * there. The parent directory must exist; the bytes are first written beside the target under a
     * temporary name.
     *
     * @return a future that completes with the checked segment, or fails with a {@link FetchException}
     * @throws IllegalArgumentException if the port or partition is out of range
     * @throws IllegalStateException if the fetcher is closed
     */
    public CompletableFuture<FetchedSegment> fetch(
            String host, int port, String jobId, String mapAttemptId, int partition, Path target) {
        return fetchToFile(new SegmentSource(host, port, jobId, mapAttemptId, partition), target).result();
    }

    /** As {@link #fetch}, with a handle that also says when a cancelled transfer has let go of its files. */
    public Transfer<FetchedSegment> fetchToFile(SegmentSource source, Path target) {
        return start(source, SegmentFile.opener(target));
    }

    /**
     * Fetches a segment into {@code buffer}, whose length must be the segment's length (the server's
     * header must say the same, else the fetch fails). Nothing touches the disk.
     */
    public Transfer<InMemorySegment> fetchToMemory(SegmentSource source, byte[] buffer) {
        return start(source, MemorySink.opener(buffer));
    }

    private <T> Transfer<T> start(SegmentSource source, SegmentSink.Opener<T> opener) {
        requireNonNull(source, "source is null");
        if (closed.get()) {
            throw new IllegalStateException("shuffle fetcher is closed; cannot fetch " + source);
        }
        FetchClientHandler<T> handler = new FetchClientHandler<>(source, opener, options.readIdleTimeout());
        CompletableFuture<T> result = handler.result();
        ChannelFuture connect = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new FetchClientInitializer(handler, options.readIdleTimeout()))
                .connect(source.host(), source.port());
        Channel channel = connect.channel();
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(FetchException.transport(source, "cannot connect: " + f.cause(), f.cause()));
            }
        });
        // Cancellation (or any completion) closes the connection; the handler then drops its temp file.
        result.whenComplete((segment, failure) -> channel.close());
        log.debug("fetching {} into {}", source, opener.describe());
        return new Transfer<>(result, handler.released());
    }

    /** Stops new fetches; with its own threads, also aborts the fetches in flight (they fail). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true) || !ownsGroup) {
            return;
        }
        if (!group.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS)) {
            log.warn("shuffle fetch threads did not stop within 10 s");
        }
    }
}
