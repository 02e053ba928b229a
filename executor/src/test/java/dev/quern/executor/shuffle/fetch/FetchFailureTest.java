package dev.quern.executor.shuffle.fetch;

import static dev.quern.executor.shuffle.FetchAssertions.failure;
import static dev.quern.executor.shuffle.MapOutputFixture.fileNames;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.executor.shuffle.NettyLeakCheck;
import dev.quern.executor.shuffle.RawPeer;
import dev.quern.proto.FetchRequest;
import dev.quern.proto.FetchResponse;
import dev.quern.proto.ShuffleEnvelope;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** How a fetch fails against servers that misbehave: scripted by hand over plain sockets. */
@Timeout(60)
@ExtendWith(NettyLeakCheck.class)
class FetchFailureTest {

    @TempDir Path reduceDir;

    private final ShuffleFetcher fetcher = new ShuffleFetcher();

    @AfterEach
    void stop() {
        fetcher.close();
    }

    @Test
    void connectionRefusedIsRetriableAndNamesTheServer() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        FetchException e = failure(fetcher.fetch("127.0.0.1", closedPort, "job-1", "m-2-a1", 0, reduceDir.resolve("x")));
        assertThat(e).hasMessageContaining("127.0.0.1:" + closedPort).hasMessageContaining("cannot connect")
                .hasMessageContaining("job-1").hasMessageContaining("m-2-a1").hasMessageContaining("partition 0");
        assertThat(e.retriable()).isTrue();
    }

    @Test
    void silentServerHitsTheReadIdleTimeout() throws Exception {
        try (ServerSocket silent = listen();
                ShuffleFetcher impatient = new ShuffleFetcher(FetchOptions.DEFAULTS.withReadIdleTimeout(Duration.ofMillis(300)))) {
            // The listen backlog completes the TCP handshake; nobody ever answers.
            FetchException e = failure(impatient.fetch("127.0.0.1", silent.getLocalPort(), "job-1", "m-2-a1", 0,
                    reduceDir.resolve("x")));
            assertThat(e).hasMessageContaining("read idle timeout").hasMessageContaining("before any response");
            assertThat(e.retriable()).isTrue();
        }
    }

    @Test
    void connectionClosedMidBodyIsAShortRead() throws Exception {
        try (ServerSocket listener = listen()) {
            CompletableFuture<Void> peer = RawPeer.serveOnce(listener, (request, socket) -> {
                assertThat(request.getFetchRequest().getPartition()).isEqualTo(4);
                OutputStream out = socket.getOutputStream();
                out.write(RawPeer.frame(header(1000)));
                out.write(new byte[10]);
                out.flush();
            });
            FetchException e = failure(fetcher.fetch("127.0.0.1", listener.getLocalPort(), "job-1", "m-2-a1", 4,
                    reduceDir.resolve("p4")));
            assertThat(e).hasMessageContaining("closed early").hasMessageContaining("after 10 of 1000 segment bytes");
            assertThat(e.retriable()).isTrue();
            assertThat(fileNames(reduceDir)).isEmpty();
            peer.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void serverSendingARequestIsAProtocolError() throws Exception {
        try (ServerSocket listener = listen()) {
            RawPeer.serveOnce(listener, (request, socket) -> {
                RawPeer.writeFrame(socket.getOutputStream(), ShuffleEnvelope.newBuilder()
                        .setFetchRequest(FetchRequest.getDefaultInstance()).build());
                RawPeer.awaitClose(socket);
            });
            FetchException e = failure(fetcher.fetch("127.0.0.1", listener.getLocalPort(), "job-1", "m-2-a1", 0,
                    reduceDir.resolve("x")));
            assertThat(e).hasMessageContaining("protocol error").hasMessageContaining("FETCH_REQUEST");
            assertThat(e.retriable()).isFalse();
        }
    }

    @Test
    void cancellingAFetchDeletesThePartialFile() throws Exception {
        try (ServerSocket listener = listen()) {
            CompletableFuture<Void> peer = RawPeer.serveOnce(listener, (request, socket) -> {
                OutputStream out = socket.getOutputStream();
                out.write(RawPeer.frame(header(1000)));
                out.write(new byte[10]);
                out.flush();
                RawPeer.awaitClose(socket); // hold the transfer open until the fetcher gives up
            });
            CompletableFuture<FetchedSegment> fetch = fetcher.fetch("127.0.0.1", listener.getLocalPort(), "job-1",
                    "m-2-a1", 0, reduceDir.resolve("p0"));
            RawPeer.awaitCondition("the temporary file exists", () -> fileNames(reduceDir).size() == 1);
            assertThat(fileNames(reduceDir).get(0)).startsWith("p0.").endsWith(".fetching");

            fetch.cancel(true);
            peer.get(30, TimeUnit.SECONDS); // the connection was closed
            RawPeer.awaitCondition("the temporary file is gone", () -> fileNames(reduceDir).isEmpty());
        }
    }

    private static ServerSocket listen() throws java.io.IOException {
        return new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    private static ShuffleEnvelope header(long length) {
        return ShuffleEnvelope.newBuilder()
                .setFetchResponse(FetchResponse.newBuilder().setLength(length).setRecords(1).setCrc32C(0))
                .build();
    }
}
