package dev.quern.executor.shuffle;

import static dev.quern.executor.shuffle.FetchAssertions.await;
import static dev.quern.executor.shuffle.FetchAssertions.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.executor.shuffle.fetch.FetchException;
import dev.quern.executor.shuffle.fetch.FetchedSegment;
import dev.quern.executor.shuffle.fetch.InMemorySegment;
import dev.quern.executor.shuffle.fetch.SegmentSource;
import dev.quern.executor.shuffle.fetch.Transfer;
import dev.quern.executor.shuffle.fetch.ShuffleFetcher;
import dev.quern.executor.shuffle.server.ShuffleServer;
import dev.quern.executor.spill.MapOutput;
import dev.quern.executor.spill.MapOutputRegistry;
import dev.quern.proto.Error;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A real {@link ShuffleServer} and {@link ShuffleFetcher} on 127.0.0.1, over real map output files. */
@Timeout(60)
@ExtendWith(NettyLeakCheck.class)
class ShuffleEndToEndTest {

    private static final String JOB = "job-7";
    private static final String ATTEMPT = "m-00003-a1";

    @TempDir Path mapDir;
    @TempDir Path reduceDir;

    private final Random random = new Random(42);
    private final MapOutputRegistry registry = new MapOutputRegistry();
    private final ShuffleServer server = new ShuffleServer(registry);
    private final ShuffleFetcher fetcher = new ShuffleFetcher();
    private int port;
    private List<byte[]> segments;

    @BeforeEach
    void start() throws IOException {
        port = server.start();
        // Partition 1 is empty; partition 2 is several MB, so it crosses many socket reads.
        segments = List.of(MapOutputFixture.randomBytes(random, 10_000), new byte[0],
                MapOutputFixture.randomBytes(random, 5 * 1024 * 1024 + 17));
        registry.register(JOB, ATTEMPT, MapOutputFixture.write(mapDir, ATTEMPT, segments));
    }

    @AfterEach
    void stop() {
        fetcher.close();
        server.close();
    }

    @Test
    void fetchesEveryPartitionConcurrently() throws Exception {
        List<CompletableFuture<FetchedSegment>> fetches = new ArrayList<>();
        for (int p = 0; p < segments.size(); p++) {
            fetches.add(fetcher.fetch("127.0.0.1", port, JOB, ATTEMPT, p, reduceDir.resolve("p" + p)));
        }
        for (int p = 0; p < segments.size(); p++) {
            FetchedSegment segment = await(fetches.get(p));
            assertThat(segment.file()).isEqualTo(reduceDir.resolve("p" + p));
            assertThat(segment.length()).isEqualTo(segments.get(p).length);
            assertThat(segment.records()).isEqualTo(p == 1 ? 0 : 1 + segments.get(p).length / 1024);
            assertThat(Files.readAllBytes(segment.file())).isEqualTo(segments.get(p));
        }
        assertThat(MapOutputFixture.fileNames(reduceDir)).containsExactly("p0", "p1", "p2");
    }

    @Test
    void fetchesIntoMemoryWithoutTouchingTheDisk() throws Exception {
        for (int p = 0; p < segments.size(); p++) {
            Transfer<InMemorySegment> t = fetcher.fetchToMemory(source(p), new byte[segments.get(p).length]);
            InMemorySegment segment = await(t.result());
            assertThat(segment.bytes()).isEqualTo(segments.get(p));
            assertThat(segment.records()).isEqualTo(p == 1 ? 0 : 1 + segments.get(p).length / 1024);
            await(t.released());
        }
        assertThat(MapOutputFixture.fileNames(reduceDir)).isEmpty();
    }

    @Test
    void aMemoryFetchOfTheWrongLengthFailsAndOneCorruptedFailsItsCrc() throws Exception {
        FetchException wrong = failure(fetcher.fetchToMemory(source(0), new byte[9_999]).result());
        assertThat(wrong).hasMessageContaining("announced 10000 bytes").hasMessageContaining("9999");
        assertThat(wrong.retriable()).isFalse();

        MapOutput output = registry.find(JOB, ATTEMPT).orElseThrow();
        flipByte(output.data(), output.index().entry(2).offset() + 77);
        FetchException corrupt = failure(fetcher.fetchToMemory(source(2), new byte[segments.get(2).length]).result());
        assertThat(corrupt).hasMessageContaining("CRC32C mismatch");
        assertThat(corrupt.retriable()).isTrue();
    }

    private SegmentSource source(int partition) {
        return new SegmentSource("127.0.0.1", port, JOB, ATTEMPT, partition);
    }

    @Test
    void unknownAttemptIsRetriableNotFoundAndServerGoesOn() throws Exception {
        FetchException e = failure(fetcher.fetch("127.0.0.1", port, JOB, "m-00099-a1", 0, reduceDir.resolve("x")));
        assertThat(e).hasMessageContaining("m-00099-a1").hasMessageContaining(JOB)
                .hasMessageContaining("127.0.0.1:" + port).hasMessageContaining("NOT_FOUND");
        assertThat(e.retriable()).isTrue();
        assertThat(e.serverError()).map(Error::getCode).contains(Error.Code.NOT_FOUND);
        assertThat(MapOutputFixture.fileNames(reduceDir)).isEmpty();

        FetchedSegment next = await(fetcher.fetch("127.0.0.1", port, JOB, ATTEMPT, 0, reduceDir.resolve("p0")));
        assertThat(Files.readAllBytes(next.file())).isEqualTo(segments.get(0));
    }

    @Test
    void partitionOutOfRangeIsInvalidArgument() throws Exception {
        FetchException e = failure(fetcher.fetch("127.0.0.1", port, JOB, ATTEMPT, 3, reduceDir.resolve("x")));
        assertThat(e).hasMessageContaining("partition 3").hasMessageContaining("3 partitions");
        assertThat(e.retriable()).isFalse();
        assertThat(e.serverError()).map(Error::getCode).contains(Error.Code.INVALID_ARGUMENT);
    }

    @Test
    void corruptedDataFileFailsTheCrcCheck() throws Exception {
        MapOutput output = registry.find(JOB, ATTEMPT).orElseThrow();
        flipByte(output.data(), output.index().entry(2).offset() + 1_000_000);

        FetchException e = failure(fetcher.fetch("127.0.0.1", port, JOB, ATTEMPT, 2, reduceDir.resolve("p2")));
        assertThat(e).hasMessageContaining("CRC32C mismatch").hasMessageContaining("expected")
                .hasMessageContaining(String.format("%08x", output.index().entry(2).crc32c()));
        assertThat(e.retriable()).isTrue();
        assertThat(MapOutputFixture.fileNames(reduceDir)).isEmpty(); // neither target nor temp file
    }

    @Test
    void truncatedDataFileIsAnIoErrorBeforeAnyByte() throws Exception {
        MapOutput output = registry.find(JOB, ATTEMPT).orElseThrow();
        try (RandomAccessFile file = new RandomAccessFile(output.data().toFile(), "rw")) {
            file.setLength(file.length() - 1);
        }
        FetchException e = failure(fetcher.fetch("127.0.0.1", port, JOB, ATTEMPT, 2, reduceDir.resolve("p2")));
        assertThat(e.serverError()).map(Error::getCode).contains(Error.Code.IO_ERROR);
        assertThat(e).hasMessageContaining(output.data().toString());
    }

    private static void flipByte(Path file, long position) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(position);
            int b = raf.read();
            raf.seek(position);
            raf.write(b ^ 0x01);
        }
    }
}
