package dev.quern.executor.reduce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.api.KeyComparator;
import dev.quern.executor.merge.MergingStream;
import dev.quern.executor.reduce.ShuffleFixture.Rec;
import dev.quern.executor.reduce.run.MergedRun;
import dev.quern.executor.reduce.run.SortedRun;
import dev.quern.executor.shuffle.NettyLeakCheck;
import dev.quern.executor.shuffle.RawPeer;
import dev.quern.executor.task.TaskCounters;
import dev.quern.job.EngineCounters;
import dev.quern.proto.FetchFailed;
import dev.quern.proto.FetchResponse;
import dev.quern.proto.MapOutputLocation;
import dev.quern.proto.MapOutputsAvailable;
import dev.quern.proto.ObsoleteMapOutput;
import dev.quern.proto.ShuffleEnvelope;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The copy phase against a real shuffle server on 127.0.0.1 serving real map output files. */
@Timeout(60)
@ExtendWith(NettyLeakCheck.class)
class ShuffleCopierTest {

    private static final int PARTITIONS = 3;
    private static final int REDUCER = 1;

    @TempDir Path mapDir;
    @TempDir Path attemptDir;

    private ShuffleFixture maps;
    private final List<Copy> copies = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        maps = new ShuffleFixture(mapDir, PARTITIONS, 17);
    }

    @AfterEach
    void stop() throws Exception {
        for (Copy c : copies) {
            c.close();
        }
        maps.close();
    }

    private List<MapOutputLocation> outputs(int from, int to) throws Exception {
        List<MapOutputLocation> locations = new ArrayList<>();
        for (int m = from; m < to; m++) {
            locations.add(maps.mapOutput(m, String.format("m-%05d.1", m), 400, m == 2 ? REDUCER : -1));
        }
        return locations;
    }

    @Test
    void aLargeBudgetKeepsEverySegmentInMemory() throws Exception {
        Copy copy = new Copy(64 << 20, 4, 6);
        copy.run(outputs(0, 6));

        assertThat(copy.read()).isEqualTo(maps.expected(REDUCER));
        assertThat(copy.counter(EngineCounters.SHUFFLE_BYTES_TO_MEMORY)).isEqualTo(maps.bytes(REDUCER));
        assertThat(copy.counter(EngineCounters.SHUFFLE_BYTES_TO_DISK)).isZero();
        assertThat(copy.counter(EngineCounters.LOCAL_BYTES_WRITTEN)).isZero();
        assertThat(copy.runs.inMemory()).hasSize(5).as("map 2's segment is empty: nothing to fetch");
        assertThat(files(attemptDir)).isEmpty();
    }

    @Test
    void aZeroBudgetSendsEverySegmentToDisk() throws Exception {
        Copy copy = new Copy(0, 2, 6);
        copy.run(outputs(0, 6));

        assertThat(copy.read()).isEqualTo(maps.expected(REDUCER));
        assertThat(copy.counter(EngineCounters.SHUFFLE_BYTES_TO_DISK)).isEqualTo(maps.bytes(REDUCER));
        assertThat(copy.counter(EngineCounters.SHUFFLE_BYTES_TO_MEMORY)).isZero();
        assertThat(copy.counter(EngineCounters.LOCAL_BYTES_WRITTEN)).isEqualTo(maps.bytes(REDUCER));
        assertThat(files(attemptDir)).hasSize(5).allMatch(f -> f.endsWith(".segment"));
    }

    @Test
    void aTinyBudgetMergesInMemorySegmentsToDiskAgainAndAgain() throws Exception {
        List<MapOutputLocation> all = outputs(0, 12);
        long largest = all.stream().mapToLong(l -> l.getPartitionLengths(REDUCER)).max().orElseThrow();
        Copy copy = new Copy(4 * largest, 3, 12); // every segment fits; three or four pass the threshold

        // The locations come in batches, each once the merge the previous one started is on disk: all at
        // once, a slow first merge (a cold JIT, a loaded machine) could leave no room for the rest, which
        // would all go to disk after one merge.
        copy.start(all.subList(0, 6));
        RawPeer.awaitCondition("a first merge on disk", () -> files(attemptDir).contains("memory-merge-00000.run"));
        copy.feed.offer(MapOutputsAvailable.newBuilder().addAllMapOutputs(all.subList(6, 12)).build());
        copy.done.get(30, TimeUnit.SECONDS);

        assertThat(copy.read()).as("a key's values in map order, whatever was merged with what").isEqualTo(maps.expected(REDUCER));
        long merges = copy.counter(EngineCounters.MERGE_PASSES);
        assertThat(merges).isGreaterThanOrEqualTo(2);
        assertThat(copy.runs.onDisk()).filteredOn(MergedRun.class::isInstance).hasSize((int) merges);
        // A segment that finds no room (say, while a merge runs) goes to disk.
        long toMemory = copy.counter(EngineCounters.SHUFFLE_BYTES_TO_MEMORY);
        long toDisk = copy.counter(EngineCounters.SHUFFLE_BYTES_TO_DISK);
        assertThat(toMemory + toDisk).isEqualTo(maps.bytes(REDUCER));
        assertThat(toMemory).isGreaterThan(toDisk);
        long merged = copy.runs.onDisk().stream().filter(MergedRun.class::isInstance).mapToLong(SortedRun::length).sum();
        assertThat(copy.counter(EngineCounters.LOCAL_BYTES_WRITTEN)).as("merged runs and segments fetched to disk")
                .isEqualTo(merged + toDisk);
    }

    @Test
    void locationsThatArriveLaterAreFetchedAndTheCopyWaitsForThem() throws Exception {
        Copy copy = new Copy(0, 4, 5);
        copy.start(outputs(0, 2));
        RawPeer.awaitCondition("the first two segments are fetched", () -> files(attemptDir).size() == 2);
        assertThat(copy.done).as("three maps are still missing").isNotDone();

        List<MapOutputLocation> rest = outputs(2, 5);
        copy.feed.offer(MapOutputsAvailable.newBuilder().addMapOutputs(rest.get(1)).addMapOutputs(rest.get(0))
                .addMapOutputs(rest.get(1)).build()); // a repeat is ignored
        copy.feed.offer(MapOutputsAvailable.newBuilder().addMapOutputs(rest.get(2)).build());
        copy.done.get(30, TimeUnit.SECONDS);

        assertThat(copy.read()).isEqualTo(maps.expected(REDUCER));
        assertThat(files(attemptDir)).hasSize(4); // map 2's segment is empty
    }

    @Test
    void anObsoleteLocationIsDroppedAndItsReplacementFetched() throws Exception {
        replacedWhileStalled(true);
    }

    @Test
    void aLocationReplacedByAnotherAttemptIsFetchedAgainFromIt() throws Exception {
        replacedWhileStalled(false);
    }

    private void replacedWhileStalled(boolean sayObsolete) throws Exception {
        try (ServerSocket stalled = listen()) {
            CompletableFuture<Void> requested = new CompletableFuture<>();
            CompletableFuture<Void> peer = stallAfterTenBytes(stalled, requested);
            MapOutputLocation lost = stalledLocation(1, "m-00001.1", stalled.getLocalPort());
            Copy copy = new Copy(64 << 20, 4, 3);
            List<MapOutputLocation> others = outputs(2, 3);
            copy.start(List.of(maps.mapOutput(0, "m-00000.1", 300, -1), lost, others.get(0)));
            requested.get(30, TimeUnit.SECONDS); // the fetch from the lost output is under way

            MapOutputsAvailable.Builder m = MapOutputsAvailable.newBuilder();
            if (sayObsolete) {
                copy.feed.offer(m.addObsolete(ObsoleteMapOutput.newBuilder().setMapIndex(1).setAttemptId("m-00001.1")).build());
                m = MapOutputsAvailable.newBuilder();
            }
            copy.feed.offer(m.addMapOutputs(maps.mapOutput(1, "m-00001.2", 300, -1)).build());
            copy.done.get(30, TimeUnit.SECONDS);
            peer.get(30, TimeUnit.SECONDS); // the stalled transfer was cancelled: its connection closed

            assertThat(copy.read()).isEqualTo(maps.expected(REDUCER));
            assertThat(copy.read()).anyMatch(r -> r.value().startsWith("m-00001.2#")).noneMatch(r -> r.value().startsWith("m-00001.1#"));
        }
    }

    @Test
    void cancellingTheCopyLeavesNoFiles() throws Exception {
        try (ServerSocket stalled = listen()) {
            CompletableFuture<Void> peer = stallAfterTenBytes(stalled, new CompletableFuture<>());
            Copy copy = new Copy(0, 4, 3);
            copy.start(List.of(outputs(0, 1).get(0), stalledLocation(1, "m-00001.1", stalled.getLocalPort())));
            RawPeer.awaitCondition("one segment and one partial file", () -> files(attemptDir).size() == 2
                    && files(attemptDir).stream().anyMatch(f -> f.endsWith(".fetching")));

            copy.thread.interrupt(); // what a kill does
            assertThat(failure(copy)).isInstanceOf(InterruptedException.class);
            copy.close();

            assertThat(files(attemptDir)).isEmpty();
            peer.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aMapOutputThatStaysMissingIsReportedAndTheCopyWaitsForItsReplacement() throws Exception {
        List<MapOutputLocation> real = outputs(0, 2);
        MapOutputLocation unknown = real.get(1).toBuilder().setAttemptId("m-00001.7").build();
        Copy copy = new Copy(64 << 20, 4, 2);
        copy.start(List.of(real.get(0), unknown));

        // The server says NOT_FOUND: reported after the tries, and the attempt lives on.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (copy.reports.isEmpty()) {
            assertThat(System.nanoTime()).as("a report within 30 s").isLessThan(deadline);
            assertThat(copy.done).as("the copy waits instead of failing").isNotDone();
            Thread.sleep(10);
        }
        assertThat(copy.reports.get(0)).contains("map 1 attempt m-00001.7 SERVER").contains("NOT_FOUND");
        assertThat(copy.done).isNotDone();

        copy.feed.offer(MapOutputsAvailable.newBuilder().addMapOutputs(real.get(1)).build());
        copy.done.get(30, TimeUnit.SECONDS);
        assertThat(copy.read()).isEqualTo(maps.expected(REDUCER));
        copy.close();
    }

    private static Throwable failure(Copy copy) throws Exception {
        try {
            copy.done.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("the copy did not fail");
    }

    /**
     * A shuffle server that answers the first request with a header and 10 of 1000 bytes, then stalls;
     * {@code requested} completes when the request is in. The result completes when the client hangs up.
     */
    private static CompletableFuture<Void> stallAfterTenBytes(ServerSocket listener, CompletableFuture<Void> requested) {
        return RawPeer.serveOnce(listener, (request, socket) -> {
            OutputStream out = socket.getOutputStream();
            out.write(RawPeer.frame(ShuffleEnvelope.newBuilder().setFetchResponse(
                    FetchResponse.newBuilder().setLength(1000).setRecords(1).setCrc32C(0)).build()));
            out.write(new byte[10]);
            out.flush();
            // Only now: a test that cancels the transfer on this signal must not close the socket
            // before these bytes are written (the write would fail with a broken pipe).
            requested.complete(null);
            RawPeer.awaitClose(socket);
        });
    }

    private static MapOutputLocation stalledLocation(int mapIndex, String attemptId, int port) {
        MapOutputLocation.Builder l = MapOutputLocation.newBuilder().setMapIndex(mapIndex).setAttemptId(attemptId)
                .setHost("127.0.0.1").setShufflePort(port);
        for (int p = 0; p < PARTITIONS; p++) {
            l.addPartitionLengths(1000);
        }
        return l.build();
    }

    private static ServerSocket listen() throws java.io.IOException {
        return new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    private static List<String> files(Path dir) throws java.io.IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** One copy phase, wired as a reduce attempt wires it, run on a thread of its own. */
    private final class Copy implements AutoCloseable {
        final MapOutputFeed feed = new MapOutputFeed();
        final TaskCounters counters = new TaskCounters();
        final InMemoryMerger merger = new InMemoryMerger(KeyComparator.BYTES, feed);
        final ShuffleRuns runs;
        final ShuffleCopier copier;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final List<String> reports = new CopyOnWriteArrayList<>();
        Thread thread;
        private boolean closed;

        Copy(long budget, int parallel, int totalMaps) {
            runs = new ShuffleRuns(new ShuffleMemory(budget), merger, attemptDir, counters);
            copier = new ShuffleCopier(new ShuffleCopier.Settings(ShuffleFixture.JOB, REDUCER, totalMaps, parallel, attemptDir),
                    maps.fetcher, feed, runs, merger, new CopyListener() {
                        @Override public void copied(int held, int totalMaps) { }
                        @Override public void fetchFailed(int mapIndex, String mapAttemptId, FetchFailed.Reason reason, String message) {
                            reports.add("map " + mapIndex + " attempt " + mapAttemptId + " " + reason + ": " + message);
                        }
                    });
            copies.add(this);
        }

        void start(List<MapOutputLocation> atLaunch) {
            thread = new Thread(() -> {
                try {
                    copier.copyAll(atLaunch);
                    done.complete(null);
                } catch (Throwable t) {
                    done.completeExceptionally(t);
                }
            }, "copier-under-test");
            thread.start();
        }

        void run(List<MapOutputLocation> atLaunch) throws Exception {
            start(atLaunch);
            done.get(30, TimeUnit.SECONDS);
        }

        /** Everything the final merge would give the reducer. */
        List<Rec> read() throws Exception {
            List<SortedRun> all = new ArrayList<>(runs.inMemory());
            all.addAll(runs.onDisk());
            List<Rec> out = new ArrayList<>();
            try (MergingStream in = new RunMerger(KeyComparator.BYTES, 64, attemptDir).open(all)) {
                while (in.next()) {
                    out.add(new Rec(new String(in.keyBuffer(), in.keyOffset(), in.keyLength(), StandardCharsets.UTF_8),
                            new String(in.valueBuffer(), in.valueOffset(), in.valueLength(), StandardCharsets.UTF_8)));
                }
            }
            return out;
        }

        long counter(String name) {
            return counters.engine(name).value();
        }

        @Override
        public void close() throws Exception {
            if (!closed) {
                closed = true;
                thread.join(30_000);
                copier.close();
            }
        }
    }
}
