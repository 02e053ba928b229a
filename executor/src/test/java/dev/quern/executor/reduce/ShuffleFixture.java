package dev.quern.executor.reduce;

import dev.quern.executor.shuffle.fetch.ShuffleFetcher;
import dev.quern.executor.shuffle.server.ShuffleServer;
import dev.quern.executor.spill.MapOutput;
import dev.quern.executor.spill.MapOutputRegistry;
import dev.quern.executor.spill.SegmentWriter;
import dev.quern.proto.MapOutputLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Real map output files served by a real {@link ShuffleServer} on 127.0.0.1, and what a reducer of
 * them must end up with: every record of its partition, sorted by key, a key's values in map order.
 */
final class ShuffleFixture implements AutoCloseable {

    static final String JOB = "job-3";

    /** A record as the reducer reads it. */
    record Rec(String key, String value) {}

    final MapOutputRegistry registry = new MapOutputRegistry();
    final ShuffleServer server = new ShuffleServer(registry);
    final ShuffleFetcher fetcher = new ShuffleFetcher();
    final int port;
    private final Path mapDir;
    private final int partitions;
    private final Random random;
    /** The records of each map index (its latest attempt), by partition. */
    private final Map<Integer, List<List<Rec>>> outputs = new TreeMap<>();

    ShuffleFixture(Path mapDir, int partitions, long seed) throws IOException {
        this.mapDir = mapDir;
        this.partitions = partitions;
        this.random = new Random(seed);
        this.port = server.start();
    }

    /**
     * Writes and registers the output of {@code attemptId} of map {@code mapIndex}: about
     * {@code records} records a partition over few keys (so keys repeat across maps), values naming
     * the attempt; {@code emptyPartition} (or -1) gets none.
     */
    MapOutputLocation mapOutput(int mapIndex, String attemptId, int records, int emptyPartition) throws IOException {
        List<List<Rec>> byPartition = new ArrayList<>();
        MapOutput out;
        try (SegmentWriter w = new SegmentWriter(mapDir, attemptId, partitions)) {
            for (int p = 0; p < partitions; p++) {
                List<Rec> segment = new ArrayList<>();
                for (int i = p == emptyPartition ? 0 : records / 2 + random.nextInt(records); i > 0; i--) {
                    segment.add(new Rec(String.format("key-%03d-%d", random.nextInt(60), p), attemptId + "#" + i));
                }
                segment.sort(Comparator.comparing(Rec::key)); // stable
                w.startPartition(p);
                for (Rec r : segment) {
                    byte[] k = r.key().getBytes(StandardCharsets.UTF_8);
                    byte[] v = r.value().getBytes(StandardCharsets.UTF_8);
                    w.append(k, 0, k.length, v, 0, v.length);
                }
                byPartition.add(segment);
            }
            out = w.commit();
        }
        registry.register(JOB, attemptId, out);
        outputs.put(mapIndex, byPartition);
        return location(mapIndex, attemptId, out, port);
    }

    /** Where a map output is, as the leader would say; {@code port} may be another (fake) server's. */
    static MapOutputLocation location(int mapIndex, String attemptId, MapOutput out, int port) {
        MapOutputLocation.Builder l = MapOutputLocation.newBuilder().setMapIndex(mapIndex).setAttemptId(attemptId)
                .setExecutorId("e1").setHost("127.0.0.1").setShufflePort(port);
        for (int p = 0; p < out.index().partitions(); p++) {
            l.addPartitionLengths(out.index().entry(p).length());
        }
        return l.build();
    }

    /** What reducer {@code partition} must read: all maps' records, sorted by key, then by map index. */
    List<Rec> expected(int partition) {
        List<Rec> all = new ArrayList<>();
        outputs.values().forEach(byPartition -> all.addAll(byPartition.get(partition)));
        all.sort(Comparator.comparing(Rec::key)); // stable: map order, then the map's own order
        return all;
    }

    /** Bytes of partition {@code partition} over every map output written. */
    long bytes(int partition) {
        long total = 0;
        for (List<List<Rec>> byPartition : outputs.values()) {
            for (Rec r : byPartition.get(partition)) {
                total += 2 + r.key().length() + r.value().length(); // one-byte varints: short ASCII records
            }
        }
        return total;
    }

    @Override
    public void close() {
        fetcher.close();
        server.close();
    }
}
