package dev.quern.executor.map;

import dev.quern.api.Counter;
import dev.quern.api.Reducer;
import dev.quern.executor.merge.KeyGroups;
import dev.quern.executor.merge.MergingStream;
import dev.quern.executor.merge.RecordStream;
import dev.quern.executor.merge.ReduceDriver;
import dev.quern.executor.sort.BufferOutput;
import dev.quern.executor.sort.SortBuffer;
import dev.quern.executor.spill.IndexFile;
import dev.quern.executor.spill.MapOutput;
import dev.quern.executor.spill.SegmentReader;
import dev.quern.executor.spill.SegmentWriter;
import dev.quern.executor.task.TaskContext;
import dev.quern.executor.task.TaskCounters;
import dev.quern.executor.task.UserCodeException;
import dev.quern.job.EngineCounters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The map side of the shuffle, orchestrated: records are serialized into a {@link SortBuffer}; when
 * it is full it is sorted by (partition, key), combined, and spilled as a partitioned file; at the
 * end the spills are merged (combining again) into the attempt's one output file plus index.
 * Memory is bounded by the sort buffer, whatever the input size.
 */
public final class MapOutputCollector implements AutoCloseable {

    private static final String OUTPUT = "output";
    /** At most this many spill files are open (and read through 64 KiB buffers) at once. */
    static final int MERGE_FAN_IN = 64;

    private final MapOutputSettings s;
    private final TaskContext context;
    private final TaskCounters counters;
    private final SortBuffer buffer;
    private final List<MapOutput> spills = new ArrayList<>();
    // Looked up once: a counter lookup per record showed in profiles.
    private final Counter outputRecords;
    private final Counter outputBytes;

    public MapOutputCollector(MapOutputSettings settings, TaskContext context, TaskCounters counters) {
        this.s = settings;
        this.context = context;
        this.counters = counters;
        this.buffer = new SortBuffer(settings.sortBufferBytes());
        this.outputRecords = counters.engine(EngineCounters.MAP_OUTPUT_RECORDS);
        this.outputBytes = counters.engine(EngineCounters.MAP_OUTPUT_BYTES);
    }

    /** Serializes one record into the buffer; spills when the buffer is full. */
    public void collect(Object key, Object value) throws IOException {
        BufferOutput out = buffer.output();
        int start = out.size();
        try {
            s.keyCodec().write(key, out);
            int keyEnd = out.size();
            int partition = s.partitioner().partition(out.array(), start, keyEnd - start, s.partitions());
            if (partition < 0 || partition >= s.partitions()) {
                throw new IllegalStateException("partitioner " + s.partitioner().getClass().getName() + " returned partition "
                        + partition + " for " + s.partitions() + " reducers");
            }
            s.valueCodec().write(value, out);
            buffer.commit(partition, start, keyEnd);
        } catch (IOException | RuntimeException e) {
            out.truncate(start);
            throw e;
        }
        outputRecords.increment(1);
        outputBytes.increment(out.size() - start);
        if (buffer.isFull()) {
            spill();
        }
    }

    private void spill() throws IOException {
        buffer.sort(s.comparator(), s.partitions());
        try (SegmentWriter writer = new SegmentWriter(s.dir(), String.format("spill-%04d", spills.size()), s.partitions())) {
            for (int p = 0; p < s.partitions(); p++) {
                writer.startPartition(p);
                writeSorted(buffer.partition(p), writer, true);
            }
            spills.add(writer.commit());
            counters.engine(EngineCounters.SPILLS).increment(1);
            counters.engine(EngineCounters.SPILLED_RECORDS).increment(writer.records());
        }
        buffer.reset();
    }

    /** Spills what is left and merges every spill into the attempt's output file. */
    public MapOutput finish() throws IOException {
        if (buffer.records() > 0 || spills.isEmpty()) {
            spill();
        }
        if (spills.size() == 1) {
            MapOutput only = spills.get(0);
            MapOutput out = new MapOutput(MapOutput.dataPath(s.dir(), OUTPUT), MapOutput.indexPath(s.dir(), OUTPUT), only.index());
            Files.move(only.data(), out.data(), StandardCopyOption.ATOMIC_MOVE);
            Files.move(only.indexPath(), out.indexPath(), StandardCopyOption.ATOMIC_MOVE);
            spills.clear();
            return out;
        }
        // More spills than the fan-in: merge consecutive groups of them first (consecutive, so that
        // equal keys keep their order), until one pass can open them all.
        int pass = 0;
        while (spills.size() > MERGE_FAN_IN) {
            List<MapOutput> merged = new ArrayList<>();
            for (int i = 0; i < spills.size(); i += MERGE_FAN_IN) {
                List<MapOutput> group = spills.subList(i, Math.min(i + MERGE_FAN_IN, spills.size()));
                merged.add(group.size() == 1 ? group.get(0) : merge(group, String.format("merge-%d-%04d", pass, i)));
            }
            List<MapOutput> old = new ArrayList<>(spills);
            old.removeAll(merged);
            delete(old);
            spills.clear();
            spills.addAll(merged);
            pass++;
            counters.engine(EngineCounters.MERGE_PASSES).increment(1);
        }
        MapOutput out = merge(spills, OUTPUT);
        counters.engine(EngineCounters.MERGE_PASSES).increment(1);
        deleteSpills();
        return out;
    }

    /** Merges runs into one partitioned file, combining again. */
    private MapOutput merge(List<MapOutput> runs, String name) throws IOException {
        try (SegmentWriter writer = new SegmentWriter(s.dir(), name, s.partitions())) {
            for (int p = 0; p < s.partitions(); p++) {
                writer.startPartition(p);
                try (MergingStream merged = openPartition(runs, p)) {
                    writeSorted(merged, writer, true);
                }
            }
            return writer.commit();
        }
    }

    private MergingStream openPartition(List<MapOutput> runsToOpen, int partition) throws IOException {
        List<RecordStream> runs = new ArrayList<>(runsToOpen.size());
        try {
            for (MapOutput spill : runsToOpen) {
                IndexFile.Entry e = spill.index().entry(partition);
                runs.add(SegmentReader.open(spill.data(), e.offset(), e.length()));
            }
        } catch (IOException e) {
            new MergingStream(runs, s.comparator()).close();
            throw e;
        }
        return new MergingStream(runs, s.comparator());
    }

    /** Copies a sorted stream into the writer's current segment, through the combiner if there is one. */
    private void writeSorted(RecordStream in, SegmentWriter writer, boolean combine) throws IOException {
        Optional<Reducer<Object, Object, Object, Object>> combiner = combine ? s.combiner().get() : Optional.empty();
        if (combiner.isEmpty()) {
            while (in.next()) {
                writer.append(in.keyBuffer(), in.keyOffset(), in.keyLength(), in.valueBuffer(), in.valueOffset(), in.valueLength());
            }
            return;
        }
        BufferOutput scratch = new BufferOutput(256);
        TaskContext combineContext = context.withSink((key, value) -> {
            scratch.reset();
            s.keyCodec().write(key, scratch);
            int keyEnd = scratch.size();
            s.valueCodec().write(value, scratch);
            writer.append(scratch.array(), 0, keyEnd, scratch.array(), keyEnd, scratch.size() - keyEnd);
            counters.engine(EngineCounters.COMBINE_OUTPUT_RECORDS).increment(1);
        });
        try {
            ReduceDriver.run(combiner.get(), new KeyGroups(in, s.comparator()), s.keyCodec(), s.valueCodec(),
                    combineContext, new TaskCounters().engine("groups"),
                    counters.engine(EngineCounters.COMBINE_INPUT_RECORDS));
        } catch (UserCodeException e) {
            throw new CombinerFailedException(e);
        }
    }

    /** Carries a combiner's failure out through the mapper's {@code write}, which may only throw IOException. */
    public static final class CombinerFailedException extends IOException {
        private static final long serialVersionUID = 1L;

        CombinerFailedException(UserCodeException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private void deleteSpills() throws IOException {
        delete(spills);
        spills.clear();
    }

    private static void delete(List<MapOutput> outputs) throws IOException {
        for (MapOutput o : outputs) {
            Files.deleteIfExists(o.data());
            Files.deleteIfExists(o.indexPath());
        }
    }

    /** Deletes spill files left by a failed attempt. */
    @Override
    public void close() throws IOException {
        deleteSpills();
    }
}
