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
    private int size;
    private RecordStream current;
    private boolean started;

    public MergingStream(List<? extends RecordStream> streams, KeyComparator comparator) {
        this.streams = streams.toArray(new RecordStream[0]);
        this.comparator = comparator;
        this.heap = new int[this.streams.length];
    }

    @Override
    public boolean next() throws IOException {
        if (!started) {
            started = true;
            for (int i = 0; i < streams.length; i++) {
                if (streams[i].next()) {
                    heap[size++] = i;
                    siftUp(size - 1);
                }
            }
        } else if (current != null) {
            // The previous head was consumed: advance it and restore the heap.
            if (current.next()) {
                siftDown(0);
            } else {
                heap[0] = heap[--size];
                if (size > 0) {
                    siftDown(0);
                }
            }
        }
        current = size == 0 ? null : streams[heap[0]];
        return current != null;
    }

    private boolean less(int a, int b) {
        RecordStream x = streams[a];
        RecordStream y = streams[b];
        int c = comparator.compare(x.keyBuffer(), x.keyOffset(), x.keyLength(),
                y.keyBuffer(), y.keyOffset(), y.keyLength());
        if (c != 0) {
            return c < 0;
        }
        int oa = x.origin();
        int ob = y.origin();
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

    @Override public byte[] keyBuffer() { return current.keyBuffer(); }
    @Override public int keyOffset() { return current.keyOffset(); }
    @Override public int keyLength() { return current.keyLength(); }
    @Override public byte[] valueBuffer() { return current.valueBuffer(); }
    @Override public int valueOffset() { return current.valueOffset(); }
    @Override public int valueLength() { return current.valueLength(); }
    @Override public int origin() { return current.origin(); }

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
