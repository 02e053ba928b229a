package dev.quern.executor.map;

import dev.quern.api.Counter;
import dev.quern.executor.combine.EagerCombiner;
import dev.quern.executor.sort.BufferOutput;
import dev.quern.executor.sort.SortBuffer;
import dev.quern.executor.spill.MapOutput;
import dev.quern.executor.task.TaskContext;
import dev.quern.executor.task.ProgressListener;
import dev.quern.executor.task.TaskCounters;
import dev.quern.job.EngineCounters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The map side of the shuffle, orchestrated. The mapper's records are serialized into a circular
 * {@link SortBuffer}. Once it is as full as the spill threshold (default 80 %), the records in it
 * become a region that the spill thread sorts, combines and writes ({@link Spiller}) while the
 * mapper goes on appending into the free part; the mapper waits only when a record does not fit
 * while a spill is under way. A record larger than the whole buffer is written as a spill of its
 * own. At the end the spills are merged ({@link SpillMerger}) into the attempt's one output file
 * plus index. Memory is bounded by the sort budget, whatever the input size; it comes from the
 * executor's {@link MapMemoryPool} and goes back to it once no spill reads it.
 *
 * <p>Spills run one at a time and in order, so records with equal keys keep the order the mapper
 * wrote them in. The spill thread counts into counters of its own, added to the task's when it is
 * done, so no counter is shared between threads.
 */
public final class MapOutputCollector implements AutoCloseable {

    private static final String OUTPUT = "output";
    /** The early combiner's table: small enough to live in the caches of one core (see EagerCombiner). */
    private static final long EAGER_TABLE_BYTES = 2L << 20;
    /** The scratch array a record is serialized into is kept only up to this size. */
    private static final int SCRATCH_KEPT = 1 << 20;

    private final MapOutputSettings s;
    private final TaskCounters counters;
    private final TaskCounters spillCounters = new TaskCounters();
    private final MapMemoryPool pool;
    /** The attempt's sort buffer, sorter and combining table; null once given back to the pool. */
    private MapMemory memory;
    private final SortBuffer buffer;
    private final Spiller spiller;
    private final CombineRunner background;
    private final CombineRunner foreground;
    private BufferOutput record = new BufferOutput(256);
    private final List<MapOutput> spills = new ArrayList<>();
    // Looked up once: a counter lookup per record showed in profiles.
    private final Counter outputRecords;
    private final Counter outputBytes;
    /** Null when the job has no combiner to run early, or once the map stopped using it. */
    private EagerCombiner eager;
    private final SpillThread spillThread;
    private SortBuffer.Region spillingRegion;
    private int waits;
    private final List<Long> spillStartBytes = new ArrayList<>();

    /** With memory of its own (a pool of one slot, for this collector alone). */
    public MapOutputCollector(MapOutputSettings settings, TaskContext context, TaskCounters counters) {
        this(settings, context, counters, new MapMemoryPool(1));
    }

    /** Takes its sort buffer, sorter and combining table from {@code pool}; gives them back when it ends. */
    public MapOutputCollector(MapOutputSettings settings, TaskContext context, TaskCounters counters, MapMemoryPool pool) {
        this.s = settings;
        this.counters = counters;
        this.pool = pool;
        // With an early combiner, its table takes a small part of the budget; the sort buffer has the rest.
        long tableBytes = Math.min(settings.sortBufferBytes() / 4, EAGER_TABLE_BYTES);
        boolean eagerly = settings.combinesEagerly(); // makes a combiner instance to find out: ask once
        this.memory = pool.take(eagerly ? settings.sortBufferBytes() - tableBytes : settings.sortBufferBytes(),
                settings.spillPercent(), eagerly ? tableBytes : 0);
        this.buffer = memory.buffer();
        this.spiller = new Spiller(settings, memory.sorter());
        this.background = new CombineRunner(settings, context, spillCounters);
        this.foreground = new CombineRunner(settings, context, counters);
        this.spillThread = new SpillThread("quern-spill-" + settings.dir().getFileName());
        this.outputRecords = counters.engine(EngineCounters.MAP_OUTPUT_RECORDS);
        this.outputBytes = counters.engine(EngineCounters.MAP_OUTPUT_BYTES);
        try {
            if (eagerly) {
                this.eager = new EagerCombiner(memory.table(), settings.keyCodec(), settings.valueCodec(),
                        () -> settings.combiner().get().orElseThrow(), context.withCounters(counters), this::append,
                        counters.engine(EngineCounters.COMBINE_INPUT_RECORDS), counters.engine(EngineCounters.COMBINE_OUTPUT_RECORDS));
            }
        } catch (RuntimeException | Error e) {
            giveBack(); // no close() follows a constructor that threw
            throw e;
        }
    }

    /** Serializes one record into the sort buffer (through the early combiner's table, if any). */
    public void collect(Object key, Object value) throws IOException {
        int bytes;
        if (eager != null) {
            bytes = eager.collect(key, value);
            if (!eager.enabled()) {
                eager = null; // its table is empty: let the memory go
            }
        } else {
            record.reset();
            s.keyCodec().write(key, record);
            int keyEnd = record.size();
            s.valueCodec().write(value, record);
            bytes = record.size();
            append(record.array(), 0, keyEnd, keyEnd, bytes - keyEnd);
            if (record.array().length > SCRATCH_KEPT) {
                record = new BufferOutput(256); // a huge record grew it: give the memory back
            }
        }
        outputRecords.increment(1);
        outputBytes.increment(bytes);
    }

    /** Appends a serialized record to the buffer; starts a spill past the threshold. */
    private void append(byte[] b, int keyOff, int keyLen, int valueOff, int valueLen) throws IOException {
        int partition = partition(b, keyOff, keyLen);
        if (spillThread.finished()) {
            awaitSpill(); // frees its region
        }
        if (!buffer.fits(keyLen + valueLen) && !makeRoom(keyLen + valueLen)) {
            spills.add(spiller.spillOne(partition, b, keyOff, keyLen, valueOff, valueLen, spillName(), foreground));
            return;
        }
        buffer.append(partition, b, keyOff, keyLen, valueOff, valueLen);
        if (!spillThread.busy() && buffer.pastThreshold()) {
            startSpill();
        }
    }

    /** Spills until {@code n} bytes fit, waiting for the spill thread; false if they never can (the buffer is empty). */
    private boolean makeRoom(int n) throws IOException {
        while (!buffer.fits(n)) {
            if (spillThread.busy()) {
                waits++; // the buffer is truly full: the mapper waits here, and only here
                awaitSpill();
            } else if (buffer.records() == 0) {
                return false;
            } else {
                startSpill();
            }
        }
        return true;
    }

    private int partition(byte[] key, int offset, int length) {
        int partition = s.partitioner().partition(key, offset, length, s.partitions());
        if (partition < 0 || partition >= s.partitions()) {
            throw new IllegalStateException("partitioner " + s.partitioner().getClass().getName() + " returned partition "
                    + partition + " for " + s.partitions() + " reducers");
        }
        return partition;
    }

    private void startSpill() {
        SortBuffer.Region region = buffer.takeRegion();
        String name = spillName();
        spillStartBytes.add(buffer.usedBytes());
        spillingRegion = region;
        spillThread.start(() -> spiller.spill(region, name, background));
    }

    /** The next spill's name; called only when no spill is under way, so every earlier one is in {@code spills}. */
    private String spillName() {
        return String.format("spill-%04d", spills.size());
    }

    /** Waits for the spill under way, if any, records it and frees its region; rethrows its failure. */
    private void awaitSpill() throws IOException {
        if (!spillThread.busy()) {
            return;
        }
        try {
            spills.add(spillThread.await());
            buffer.release(spillingRegion);
        } finally {
            spillingRegion = null;
        }
    }

    /** A spill is running on the spill thread (for tests that pace a mapper). */
    boolean spillUnderWay() { return spillThread.busy() && !spillThread.finished(); }

    /** The spill thread, if one was started, has ended (for tests of a close that did not wait for it). */
    boolean spillThreadEnded() { return spillThread.ended(); }

    /** How often the mapper waited for a spill because the buffer was full. */
    int waits() { return waits; }

    /** The bytes in the buffer when each spill started (for tests of the threshold). */
    List<Long> spillStartBytes() { return List.copyOf(spillStartBytes); }

    /** The sort buffer's data capacity in bytes. */
    int bufferBytes() { return buffer.capacityBytes(); }

    /** How often a record went to the start of the data ring (for tests of the wrap-around). */
    long wraps() { return buffer.wraps(); }

    /** {@link #finish(ProgressListener)} without progress. */
    public MapOutput finish() throws IOException {
        return finish(fraction -> {});
    }

    /**
     * Spills what is left and merges every spill into the attempt's output file; {@code merging}
     * hears the fraction of the merge done as it goes.
     */
    public MapOutput finish(ProgressListener merging) throws IOException {
        if (eager != null) {
            eager.empty();
            eager = null;
        }
        awaitSpill();
        counters.addAll(spillCounters);
        spillCounters.clear();
        if (buffer.records() > 0 || spills.isEmpty()) {
            SortBuffer.Region rest = buffer.takeRegion();
            spills.add(spiller.spill(rest, spillName(), foreground));
            buffer.release(rest);
        }
        giveBack(); // no spill is under way: the merge reads files only
        if (spills.size() == 1) {
            MapOutput only = spills.get(0);
            MapOutput out = new MapOutput(MapOutput.dataPath(s.dir(), OUTPUT), MapOutput.indexPath(s.dir(), OUTPUT), only.index());
            Files.move(only.data(), out.data(), StandardCopyOption.ATOMIC_MOVE);
            Files.move(only.indexPath(), out.indexPath(), StandardCopyOption.ATOMIC_MOVE);
            spills.clear();
            return out;
        }
        MapOutput out = new SpillMerger(s, foreground, merging).merge(spills, OUTPUT);
        spills.clear();
        return out;
    }

    /**
     * Deletes the spills of an attempt that did not finish. A spill under way is let finish first;
     * if the attempt is interrupted meanwhile, the spill keeps the memory and deletes its own files
     * (see {@link SpillThread}).
     */
    @Override
    public void close() throws IOException {
        boolean ended = spillThread.close();
        if (memory != null) {
            if (ended) {
                giveBack();
            } else {
                pool.forget(memory); // interrupted while a spill still reads the buffer: let it have it
                memory = null;
            }
        }
        SpillMerger.delete(spills);
        spills.clear();
    }

    /** Gives the memory back to the pool, once: call only when no spill reads it. */
    private void giveBack() {
        if (memory != null) {
            eager = null;
            pool.give(memory);
            memory = null;
        }
    }
}
