package dev.quern.executor.map;

import dev.quern.api.Counter;
import dev.quern.executor.combine.EagerCombiner;
import dev.quern.executor.sort.BufferOutput;
import dev.quern.executor.sort.SortBuffer;
import dev.quern.executor.spill.MapOutput;
import dev.quern.executor.task.TaskContext;
import dev.quern.executor.task.TaskCounters;
import dev.quern.job.EngineCounters;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The map side of the shuffle, orchestrated. The sort budget is split into two {@link SortBuffer}s.
 * The mapper's records are serialized into the active one; when it is full it is handed to a spill
 * thread ({@link Spiller}: sort, combine, write) while the mapper goes on in the other, and the
 * mapper waits only when that one fills before the spill is done. At the end the spills are merged
 * ({@link SpillMerger}) into the attempt's one output file plus index. Memory is bounded by the sort
 * budget, whatever the input size.
 *
 * <p>Spills run one at a time and in order, so records with equal keys keep the order the mapper
 * wrote them in. The spill thread counts into counters of its own, added to the task's when it is
 * done, so no counter is shared between threads.
 */
public final class MapOutputCollector implements AutoCloseable {

    private static final String OUTPUT = "output";
    /** The early combiner's table: small enough to live in the caches of one core (see EagerCombiner). */
    private static final long EAGER_TABLE_BYTES = 2L << 20;

    private final MapOutputSettings s;
    private final TaskCounters counters;
    private final TaskCounters spillCounters = new TaskCounters();
    private final Spiller backgroundSpiller;
    private final CombineRunner foreground;
    private final List<MapOutput> spills = new ArrayList<>();
    // Looked up once: a counter lookup per record showed in profiles.
    private final Counter outputRecords;
    private final Counter outputBytes;
    /** Null when the job has no combiner to run early, or once the map stopped using it. */
    private EagerCombiner eager;
    private SortBuffer active;
    private SortBuffer standby;
    private ExecutorService spillThread;
    private Future<MapOutput> spilling;

    public MapOutputCollector(MapOutputSettings settings, TaskContext context, TaskCounters counters) {
        this.s = settings;
        this.counters = counters;
        // With an early combiner, its table takes a small part of the budget; the sort buffers share the rest.
        long tableBytes = Math.min(settings.sortBufferBytes() / 4, EAGER_TABLE_BYTES);
        boolean eagerly = settings.combinesEagerly(); // makes a combiner instance to find out: ask once
        long sortBytes = eagerly ? settings.sortBufferBytes() - tableBytes : settings.sortBufferBytes();
        this.active = new SortBuffer(sortBytes / 2);
        this.standby = new SortBuffer(sortBytes / 2);
        this.backgroundSpiller = new Spiller(settings, new CombineRunner(settings, context, spillCounters));
        this.foreground = new CombineRunner(settings, context, counters);
        this.outputRecords = counters.engine(EngineCounters.MAP_OUTPUT_RECORDS);
        this.outputBytes = counters.engine(EngineCounters.MAP_OUTPUT_BYTES);
        if (eagerly) {
            this.eager = new EagerCombiner(tableBytes, settings.keyCodec(), settings.valueCodec(),
                    () -> settings.combiner().get().orElseThrow(), context.withCounters(counters), this::append,
                    counters.engine(EngineCounters.COMBINE_INPUT_RECORDS), counters.engine(EngineCounters.COMBINE_OUTPUT_RECORDS));
        }
    }

    /** Serializes one record into the active buffer; hands the buffer to the spill thread when full. */
    public void collect(Object key, Object value) throws IOException {
        if (eager != null) {
            int bytes = eager.collect(key, value);
            outputRecords.increment(1);
            outputBytes.increment(bytes);
            if (!eager.enabled()) {
                eager = null; // its table is empty: let the memory go
            }
            return;
        }
        BufferOutput out = active.output();
        int start = out.size();
        try {
            s.keyCodec().write(key, out);
            int keyEnd = out.size();
            int partition = partition(out.array(), start, keyEnd - start);
            s.valueCodec().write(value, out);
            active.commit(partition, start, keyEnd);
        } catch (IOException | RuntimeException e) {
            out.truncate(start);
            throw e;
        }
        outputRecords.increment(1);
        outputBytes.increment(out.size() - start);
        if (active.isFull()) {
            spillInBackground();
        }
    }

    private int partition(byte[] key, int offset, int length) {
        int partition = s.partitioner().partition(key, offset, length, s.partitions());
        if (partition < 0 || partition >= s.partitions()) {
            throw new IllegalStateException("partitioner " + s.partitioner().getClass().getName() + " returned partition "
                    + partition + " for " + s.partitions() + " reducers");
        }
        return partition;
    }

    /** A record already serialized, from the early combiner. */
    private void append(byte[] b, int keyOff, int keyLen, int valueOff, int valueLen) throws IOException {
        BufferOutput out = active.output();
        int start = out.size();
        out.write(b, keyOff, keyLen);
        int partition;
        try {
            partition = partition(out.array(), start, keyLen);
        } catch (RuntimeException e) {
            out.truncate(start);
            throw e;
        }
        out.write(b, valueOff, valueLen);
        active.commit(partition, start, start + keyLen);
        if (active.isFull()) {
            spillInBackground();
        }
    }

    private void spillInBackground() throws IOException {
        awaitSpill(); // both buffers full: the mapper waits here, and only here
        SortBuffer full = active;
        active = standby;
        standby = full;
        String name = spillName();
        if (spillThread == null) {
            spillThread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "quern-spill-" + s.dir().getFileName());
                t.setDaemon(true);
                return t;
            });
        }
        spilling = spillThread.submit(() -> backgroundSpiller.spill(full, name));
    }

    /** The next spill's name; called only when no spill is under way, so every earlier one is in {@code spills}. */
    private String spillName() {
        return String.format("spill-%04d", spills.size());
    }

    /** Waits for the spill under way, if any, and records it; rethrows its failure. */
    private void awaitSpill() throws IOException {
        if (spilling == null) {
            return;
        }
        try {
            spills.add(spilling.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a spill");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("spill failed: " + cause, cause);
        } finally {
            spilling = null;
        }
    }

    /** Spills what is left and merges every spill into the attempt's output file. */
    public MapOutput finish() throws IOException {
        if (eager != null) {
            eager.empty();
            eager = null;
        }
        awaitSpill();
        counters.addAll(spillCounters);
        spillCounters.clear();
        if (active.records() > 0 || spills.isEmpty()) {
            spills.add(new Spiller(s, foreground).spill(active, spillName()));
        }
        if (spills.size() == 1) {
            MapOutput only = spills.get(0);
            MapOutput out = new MapOutput(MapOutput.dataPath(s.dir(), OUTPUT), MapOutput.indexPath(s.dir(), OUTPUT), only.index());
            Files.move(only.data(), out.data(), StandardCopyOption.ATOMIC_MOVE);
            Files.move(only.indexPath(), out.indexPath(), StandardCopyOption.ATOMIC_MOVE);
            spills.clear();
            return out;
        }
        MapOutput out = new SpillMerger(s, foreground).merge(spills, OUTPUT);
        spills.clear();
        return out;
    }

    /**
     * Deletes the spills of an attempt that did not finish. A spill under way is let finish first
     * (it is bounded work), even when the attempt was interrupted, so that no file appears later.
     */
    @Override
    public void close() throws IOException {
        if (spillThread != null) {
            spillThread.shutdown();
            boolean interrupted = Thread.interrupted();
            try {
                while (!spillThread.awaitTermination(10, TimeUnit.SECONDS)) {
                    // keep waiting: the spill thread cannot be stopped in the middle of a file
                }
            } catch (InterruptedException e) {
                interrupted = true;
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            if (spilling != null && spilling.isDone() && !spilling.isCancelled()) {
                try {
                    spills.add(spilling.get());
                } catch (ExecutionException | InterruptedException e) {
                    // it failed: SegmentWriter removed its own temporary file
                }
            }
            spilling = null;
        }
        SpillMerger.delete(spills);
        spills.clear();
    }
}
