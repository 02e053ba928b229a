package dev.quern.executor.merge;

import dev.quern.api.KeyComparator;
import java.io.IOException;
import java.util.List;

/**
 * A k-way merge of sorted streams into one sorted stream, through a binary heap of stream indices.
 * Equal keys come out by {@link RecordStream#origin()}, then in stream order (stream 0 first), so the
 * values of a key reach the reducer in map order and the output is the same run after run.
 */
public final class MergingStream implements RecordStream {

    private final RecordStream[] streams;
    private final KeyComparator comparator;
    private final int[] heap;
    // Each stream's current key and origin, read once when it advances: the heap compares them
    // log(k) times per record, and the streams are of several classes (spill files, fetched runs,
    // the sort buffer), so each read through the interface is a call the JIT cannot inline.
    private final byte[][] keyBuffer;
    private final int[] keyOffset;
    private final int[] keyLength;
    private final int[] origin;
    private int size;
    private RecordStream current;
    private boolean started;
    /** Called every {@link #TICK_EVERY} records handed out, if set: a long merge's progress. */
    private final Tick tick;
    private long handedOut;

    /** Every this many records a merge calls its {@link Tick}. */
    public static final int TICK_EVERY = 1 << 12;

    /** What a long merge reports as it goes: called with {@link #TICK_EVERY} records more handed out. */
    @FunctionalInterface
    public interface Tick {
        void records(int more);
    }

    public MergingStream(List<? extends RecordStream> streams, KeyComparator comparator) {
        this(streams, comparator, null);
    }

    /** With {@code tick} (may be null) called every {@link #TICK_EVERY} records handed out. */
    public MergingStream(List<? extends RecordStream> streams, KeyComparator comparator, Tick tick) {
        this.tick = tick;
        this.streams = streams.toArray(new RecordStream[0]);
        this.comparator = comparator;
        int n = this.streams.length;
        this.heap = new int[n];
        this.keyBuffer = new byte[n][];
        this.keyOffset = new int[n];
        this.keyLength = new int[n];
        this.origin = new int[n];
    }

    @Override
    public boolean next() throws IOException {
        if (!started) {
            started = true;
            for (int i = 0; i < streams.length; i++) {
                if (advance(i)) {
                    heap[size++] = i;
                    siftUp(size - 1);
                }
            }
        } else if (current != null) {
            // The previous head was consumed: advance it and restore the heap.
            if (advance(heap[0])) {
                siftDown(0);
            } else {
                heap[0] = heap[--size];
                if (size > 0) {
                    siftDown(0);
                }
            }
        }
        current = size == 0 ? null : streams[heap[0]];
        if (current != null && (++handedOut & (TICK_EVERY - 1)) == 0 && tick != null) {
            tick.records(TICK_EVERY);
        }
        return current != null;
    }

    private boolean advance(int i) throws IOException {
        RecordStream s = streams[i];
        if (!s.next()) {
            return false;
        }
        keyBuffer[i] = s.keyBuffer();
        keyOffset[i] = s.keyOffset();
        keyLength[i] = s.keyLength();
        origin[i] = s.origin();
        return true;
    }

    private boolean less(int a, int b) {
        int c = comparator.compare(keyBuffer[a], keyOffset[a], keyLength[a], keyBuffer[b], keyOffset[b], keyLength[b]);
        if (c != 0) {
            return c < 0;
        }
        int oa = origin[a];
        int ob = origin[b];
        return oa < ob || (oa == ob && a < b);
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(heap[i], heap[parent])) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) {
                return;
            }
            int child = left + 1 < size && less(heap[left + 1], heap[left]) ? left + 1 : left;
            if (!less(heap[child], heap[i])) {
                return;
            }
            swap(i, child);
            i = child;
        }
    }

    private void swap(int a, int b) {
        int t = heap[a];
        heap[a] = heap[b];
        heap[b] = t;
    }

    /** The records handed out so far. */
    public long handedOut() { return handedOut; }

    @Override public byte[] keyBuffer() { return keyBuffer[heap[0]]; }
    @Override public int keyOffset() { return keyOffset[heap[0]]; }
    @Override public int keyLength() { return keyLength[heap[0]]; }
    @Override public byte[] valueBuffer() { return current.valueBuffer(); }
    @Override public int valueOffset() { return current.valueOffset(); }
    @Override public int valueLength() { return current.valueLength(); }
    @Override public int origin() { return origin[heap[0]]; }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (RecordStream s : streams) {
            try {
                s.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
