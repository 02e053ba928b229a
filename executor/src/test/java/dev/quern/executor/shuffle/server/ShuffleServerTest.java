package dev.quern.executor.shuffle.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quern.executor.shuffle.MapOutputFixture;
import dev.quern.executor.shuffle.NettyLeakCheck;
import dev.quern.executor.shuffle.RawPeer;
import dev.quern.executor.spill.MapOutputRegistry;
import dev.quern.proto.Error;
import dev.quern.proto.FetchRequest;
import dev.quern.proto.FetchResponse;
import dev.quern.proto.ShuffleEnvelope;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The server as a peer sees it on the wire, through plain {@code java.net} sockets. */
@Timeout(60)
@ExtendWith(NettyLeakCheck.class)
class ShuffleServerTest {

    private static final String JOB = "job-3";
    private static final String ATTEMPT = "m-00000-a2";

    @TempDir Path mapDir;

    private final MapOutputRegistry registry = new MapOutputRegistry();
    private final ShuffleServer server = new ShuffleServer(registry);
    private List<byte[]> segments;
    private int port;

    @BeforeEach
    void start() throws IOException {
        Random random = new Random(3);
        segments = List.of(MapOutputFixture.randomBytes(random, 100_000), new byte[0],
                MapOutputFixture.randomBytes(random, 300_000));
        registry.register(JOB, ATTEMPT, MapOutputFixture.write(mapDir, ATTEMPT, segments));
        port = server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void oversizedLengthPrefixGetsMalformedFrameThenClose() throws Exception {
        try (Socket socket = RawPeer.connect(port)) {
            RawPeer.writeInt(socket.getOutputStream(), 0x7fffffff);
            assertErrorThenClose(socket, Error.Code.MALFORMED_FRAME, "malformed shuffle request frame");
        }
        assertServes(0); // the server goes on, for a new connection
    }

    @Test
    void garbageFrameGetsMalformedFrameThenClose() throws Exception {
        try (Socket socket = RawPeer.connect(port)) {
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {0, 0, 0, 5, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
            out.flush();
            assertErrorThenClose(socket, Error.Code.MALFORMED_FRAME, "not a valid envelope");
        }
        assertServes(2);
    }

    @Test
    void responseOrEmptyEnvelopeFromAClientIsRefused() throws Exception {
        for (ShuffleEnvelope wrong : List.of(ShuffleEnvelope.getDefaultInstance(),
                ShuffleEnvelope.newBuilder().setFetchResponse(FetchResponse.getDefaultInstance()).build())) {
            try (Socket socket = RawPeer.connect(port)) {
                RawPeer.writeFrame(socket.getOutputStream(), wrong);
                assertErrorThenClose(socket, Error.Code.INVALID_ARGUMENT, wrong.getBodyCase().toString());
            }
        }
        assertServes(0);
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderOnOneConnection() throws Exception {
        // More requests than MAX_SEGMENTS_IN_FLIGHT, so reading pauses and resumes on the way.
        int[] partitions = new int[3 * ShuffleServerHandler.MAX_SEGMENTS_IN_FLIGHT + 1];
        ByteArrayOutputStream requests = new ByteArrayOutputStream();
        for (int i = 0; i < partitions.length; i++) {
            partitions[i] = i == 5 ? 7 : (i * 2) % 3; // 2, 0, 1, 2, 0, [out of range], ...
            requests.write(RawPeer.frame(request(ATTEMPT, partitions[i])));
        }
        try (Socket socket = RawPeer.connect(port)) {
            socket.getOutputStream().write(requests.toByteArray());
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            for (int partition : partitions) {
                ShuffleEnvelope reply = RawPeer.readFrame(in);
                if (partition == 7) {
                    assertThat(reply.getError().getCode()).isEqualTo(Error.Code.INVALID_ARGUMENT);
                    assertThat(reply.getError().getMessage()).contains("partition 7").contains("3 partitions");
                    continue;
                }
                assertSegment(in, reply, partition);
            }
            // An unknown attempt is answered and the connection stays open for the next request.
            RawPeer.writeFrame(socket.getOutputStream(), request("m-00042-a1", 0));
            Error notFound = RawPeer.readFrame(in).getError();
            assertThat(notFound.getCode()).isEqualTo(Error.Code.NOT_FOUND);
            assertThat(notFound.getMessage()).contains(JOB).contains("m-00042-a1");
            assertThat(notFound.getRetriable()).isTrue();
            RawPeer.writeFrame(socket.getOutputStream(), request(ATTEMPT, 2));
            assertSegment(in, RawPeer.readFrame(in), 2);
        }
    }

    @Test
    void lifecycle() throws Exception {
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("STARTED");
        try (ShuffleServer clash = new ShuffleServer(registry, "127.0.0.1", port)) {
            assertThatThrownBy(clash::start).isInstanceOf(IOException.class).hasMessageContaining("127.0.0.1:" + port);
            assertThatThrownBy(clash::port).isInstanceOf(IllegalStateException.class);
        }
        server.close();
        server.close();
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("CLOSED");
        new ShuffleServer(registry).close(); // closing a server never started is fine
    }

    private void assertServes(int partition) throws IOException {
        try (Socket socket = RawPeer.connect(port)) {
            RawPeer.writeFrame(socket.getOutputStream(), request(ATTEMPT, partition));
            InputStream in = socket.getInputStream();
            assertSegment(in, RawPeer.readFrame(in), partition);
        }
    }

    private void assertSegment(InputStream in, ShuffleEnvelope reply, int partition) throws IOException {
        byte[] expected = segments.get(partition);
        assertThat(reply.getBodyCase()).as("reply to partition %d", partition).isEqualTo(ShuffleEnvelope.BodyCase.FETCH_RESPONSE);
        FetchResponse header = reply.getFetchResponse();
        assertThat(header.getLength()).isEqualTo(expected.length);
        assertThat(header.getCrc32C()).isEqualTo(MapOutputFixture.crc32c(expected));
        assertThat(RawPeer.readBytes(in, expected.length)).isEqualTo(expected);
    }

    private static void assertErrorThenClose(Socket socket, Error.Code code, String text) throws IOException {
        Error error = RawPeer.readFrame(socket.getInputStream()).getError();
        assertThat(error.getCode()).isEqualTo(code);
        assertThat(error.getMessage()).contains(text);
        assertThat(socket.getInputStream().read()).as("connection closed after the error").isEqualTo(-1);
    }

    private static ShuffleEnvelope request(String attempt, int partition) {
        return ShuffleEnvelope.newBuilder()
                .setFetchRequest(FetchRequest.newBuilder().setJobId(JOB).setMapAttemptId(attempt).setPartition(partition))
                .build();
    }
}
