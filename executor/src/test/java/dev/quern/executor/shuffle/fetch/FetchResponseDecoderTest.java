package dev.quern.executor.shuffle.fetch;

import static dev.quern.executor.shuffle.FetchAssertions.failure;
import static dev.quern.executor.shuffle.MapOutputFixture.crc32c;
import static dev.quern.executor.shuffle.MapOutputFixture.fileNames;
import static dev.quern.executor.shuffle.MapOutputFixture.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.executor.shuffle.NettyLeakCheck;
import dev.quern.executor.shuffle.RawPeer;
import dev.quern.proto.Error;
import dev.quern.proto.FetchResponse;
import dev.quern.proto.ShuffleEnvelope;
import dev.quern.wire.Errors;
import dev.quern.wire.Frames;
import dev.quern.wire.ProtoFrameEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client pipeline without a socket: response bytes fed to {@link FetchResponseDecoder} and
 * {@link FetchClientHandler} in chunks split at every boundary, checking the file and that every
 * buffer fed in is released.
 */
@Timeout(60)
@ExtendWith(NettyLeakCheck.class)
class FetchResponseDecoderTest {

    private static final SegmentSource SOURCE = new SegmentSource("10.0.0.9", 7070, "job-1", "m-00001-a1", 3);

    @TempDir Path dir;

    private final Random random = new Random(20240917L);

    @Test
    void headerAndBodySplitAtEveryBoundary() throws Exception {
        byte[] body = randomBytes(random, 300);
        byte[] stream = concat(RawPeer.frame(header(body.length, 5, crc32c(body))), body);
        for (int split = 0; split <= stream.length; split++) {
            Path target = dir.resolve("split-" + split);
            FetchedSegment segment = feed(target, List.of(Arrays.copyOfRange(stream, 0, split),
                    Arrays.copyOfRange(stream, split, stream.length))).get();
            assertThat(segment).isEqualTo(new FetchedSegment(target, body.length, 5));
            assertThat(Files.readAllBytes(target)).as("split at %d", split).isEqualTo(body);
        }
        assertThat(fileNames(dir)).hasSize(stream.length + 1).noneMatch(name -> name.endsWith(".fetching"));
    }

    @Test
    void largeBodyInManyRandomChunks() throws Exception {
        byte[] body = randomBytes(random, 256 * 1024 + 3);
        byte[] stream = concat(RawPeer.frame(header(body.length, 300, crc32c(body))), body);
        for (int round = 0; round < 25; round++) {
            int maxChunk = 1 + random.nextInt(round % 2 == 0 ? 16 : 20_000);
            List<byte[]> chunks = new ArrayList<>();
            for (int from = 0; from < stream.length; ) {
                int to = Math.min(stream.length, from + 1 + random.nextInt(maxChunk));
                chunks.add(Arrays.copyOfRange(stream, from, to));
                from = to;
            }
            Path target = dir.resolve("round-" + round);
            feed(target, chunks).get();
            assertThat(Files.readAllBytes(target)).as("round %d, chunks up to %d", round, maxChunk).isEqualTo(body);
        }
    }

    @Test
    void emptySegmentAtEveryBoundary() throws Exception {
        byte[] stream = RawPeer.frame(header(0, 0, crc32c(new byte[0])));
        for (int split = 0; split <= stream.length; split++) {
            Path target = dir.resolve("empty-" + split);
            feed(target, List.of(Arrays.copyOfRange(stream, 0, split), Arrays.copyOfRange(stream, split, stream.length)))
                    .get();
            assertThat(target).isEmptyFile();
        }
    }

    @Test
    void checksumMismatchFailsAndLeavesNoFile() {
        byte[] body = randomBytes(random, 1000);
        int wrong = crc32c(body) ^ 0x10;
        FetchException e = failure(feed(dir.resolve("p"), List.of(RawPeer.frame(header(body.length, 1, wrong)), body)));
        assertThat(e).hasMessageContaining("CRC32C mismatch")
                .hasMessageContaining(String.format("expected %08x got %08x", wrong, crc32c(body)));
        assertThat(e.retriable()).isTrue();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void errorFrameFailsWithTheServersError() {
        Error notFound = Errors.of(Error.Code.NOT_FOUND, "no map output for job job-1 attempt m-00001-a1", true);
        FetchException e = failure(feed(dir.resolve("p"),
                List.of(RawPeer.frame(ShuffleEnvelope.newBuilder().setError(notFound).build()))));
        assertThat(e).hasMessageStartingWith("cannot fetch job job-1 attempt m-00001-a1 partition 3 from 10.0.0.9:7070")
                .hasMessageContaining("NOT_FOUND");
        assertThat(e.serverError()).contains(notFound);
        assertThat(e.retriable()).isTrue();
    }

    @Test
    void oversizedFrameIsAMalformedResponse() {
        byte[] tooLong = {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3};
        FetchException e = failure(feed(dir.resolve("p"), List.of(tooLong)));
        assertThat(e).hasMessageContaining("malformed response").hasMessageContaining("2147483647");
    }

    @Test
    void connectionClosedMidBodyIsAShortRead() {
        byte[] body = randomBytes(random, 100);
        byte[] stream = concat(RawPeer.frame(header(body.length, 1, crc32c(body))), body);
        List<byte[]> truncated = List.of(Arrays.copyOf(stream, stream.length - 40));
        FetchException e = failure(feed(dir.resolve("p"), truncated));
        assertThat(e).hasMessageContaining("closed early, after 60 of 100 segment bytes");
        assertThat(e.retriable()).isTrue();
        assertThat(dir).isEmptyDirectory();
    }

    /**
     * Runs one fetch over an embedded channel: checks the request it sends, feeds {@code chunks}, then
     * closes the channel (a no-op if the handler already did), and asserts every buffer was released.
     */
    private CompletableFuture<FetchedSegment> feed(Path target, List<byte[]> chunks) {
        FetchClientHandler<FetchedSegment> handler = FetchClientHandler.toFile(SOURCE, target, Duration.ofSeconds(30));
        EmbeddedChannel channel = new EmbeddedChannel(
                new FetchResponseDecoder(), new ProtoFrameEncoder(Frames.MAX_SHUFFLE_FRAME), handler);
        ByteBuf request = channel.readOutbound();
        try {
            assertThat(request.getInt(0)).isEqualTo(request.readableBytes() - 4);
        } finally {
            request.release();
        }
        List<ByteBuf> fed = new ArrayList<>();
        for (byte[] chunk : chunks) {
            if (chunk.length > 0 && channel.isOpen()) {
                ByteBuf buf = Unpooled.wrappedBuffer(chunk);
                fed.add(buf);
                channel.writeInbound(buf);
            }
        }
        channel.close();
        channel.finishAndReleaseAll();
        assertThat(fed).allSatisfy(buf -> assertThat(buf.refCnt()).as("input buffer released").isZero());
        assertThat(handler.result()).isDone();
        return handler.result();
    }

    private static ShuffleEnvelope header(long length, long records, int crc32c) {
        return ShuffleEnvelope.newBuilder()
                .setFetchResponse(FetchResponse.newBuilder().setLength(length).setRecords(records).setCrc32C(crc32c))
                .build();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
