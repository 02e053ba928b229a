package dev.quern.executor.combine;

import dev.quern.api.Codec;
import dev.quern.api.Counter;
import dev.quern.api.Reducer;
import dev.quern.executor.sort.BufferOutput;
import dev.quern.executor.task.TaskContext;
import dev.quern.executor.task.UserCodeException;
import java.io.IOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * Runs the combiner on the mapper's records as they come, before they reach the sort buffer. A small
 * {@link CombiningTable} (a few MiB, so that it stays in the processor's caches) takes the first keys
 * it sees; the values that follow for those keys wait beside them and, when the pending area fills,
 * go through the combiner together with the key's combined value. Once the table is full, records of
 * other keys go straight to the sort buffer. Frequent keys come early, so in skewed data (text, logs)
 * most records end in the table: a word count's map sorts a fifth of its records, or less, and the
 * sort was most of a map's time. At the end every combined value is handed downstream.
 *
 * <p>Only for jobs whose keys group by their bytes (the default comparator): the table finds a key by
 * its bytes. The combiner contract allows this: it may run any number of times on any subset of a
 * key's values. A combiner call that writes anything but one record of the same key sends what it
 * wrote downstream and leaves the key without a combined value, so any combiner stays correct.
 * A full table lets its rarely hit keys go from time to time, to make room for more frequent ones;
 * when few records hit it at all (keys that hardly repeat), the map stops using it: the sort alone
 * costs less.
 */
public final class EagerCombiner {

    /** Where combined records go: serialized, key then value. */
    @FunctionalInterface
    public interface Downstream {
        void append(byte[] b, int keyOff, int keyLen, int valueOff, int valueLen) throws IOException;
    }

    private final CombiningTable table;
    private final Codec<Object> keyCodec;
    private final Codec<Object> valueCodec;
    private final Supplier<Reducer<Object, Object, Object, Object>> combiners;
    private final TaskContext context;
    private final Downstream downstream;
    private final Counter combineInput;
    private final Counter combineOutput;
    private final int largestRecord;
    private final BufferOutput record = new BufferOutput(256);
    private final CallOutputs outputs = new CallOutputs();
    private final TableValues values = new TableValues();
    private boolean enabled = true;
    private long seen;
    private long hits;

    static final int WINDOW = 1 << 20;
    private static final int STOP_BELOW_PERCENT = 5;
    static final int COLD_HITS = 4;

    /** {@code table} must be empty; it is the caller's again after {@link #empty} or once the map ends. */
    public EagerCombiner(CombiningTable table, Codec<Object> keyCodec, Codec<Object> valueCodec,
            Supplier<Reducer<Object, Object, Object, Object>> combiners, TaskContext context, Downstream downstream,
            Counter combineInput, Counter combineOutput) {
        this.table = table;
        this.keyCodec = keyCodec;
        this.valueCodec = valueCodec;
        this.combiners = combiners;
        this.context = context.withSink(outputs::add);
        this.downstream = downstream;
        this.combineInput = combineInput;
        this.combineOutput = combineOutput;
        this.largestRecord = table.largestRecord();
    }

    /** False once the map has stopped using the table: records then go straight downstream. */
    public boolean enabled() {
        return enabled;
    }

    /** Takes one record of the mapper's; returns its serialized size. */
    public int collect(Object key, Object value) throws IOException {
        record.reset();
        keyCodec.write(key, record);
        int keyEnd = record.size();
        valueCodec.write(value, record);
        byte[] b = record.array();
        int valueLen = record.size() - keyEnd;
        if (record.size() > largestRecord) {
            downstream.append(b, 0, keyEnd, keyEnd, valueLen); // a huge record would crowd out the table
            return record.size();
        }
        int hash = table.hash(b, 0, keyEnd);
        long first = table.lastFirst;
        int slot = table.find(b, 0, keyEnd, hash, first);
        if (slot >= 0) {
            hits++;
            if (!table.addPending(slot, b, keyEnd, valueLen)) {
                combinePending();
                table.addPending(slot, b, keyEnd, valueLen); // fits: the record is no larger than largestRecord
            }
        } else if (!table.insert(-slot - 1, b, 0, keyEnd, keyEnd, valueLen, hash, first)) {
            downstream.append(b, 0, keyEnd, keyEnd, valueLen); // the table is full of other keys
        }
        if (++seen == WINDOW) {
            review();
        }
        return record.size();
    }

    /**
     * Every {@link #WINDOW} records, when the table is full: if few records hit it, the input's keys
     * hardly repeat and the map stops using it (the sort alone costs less); otherwise the keys hit
     * fewer than {@link #COLD_HITS} times in the window leave it, their combined values going
     * downstream, to make room for keys that come more often. The first keys to arrive fill the
     * table, and in skewed data many of them are rare: without this, a third of a word count's
     * records missed the table, against a quarter once the frequent keys had taken their places.
     */
    private void review() throws IOException {
        boolean full = table.isFull();
        long hitPercent = hits * 100 / seen;
        seen = 0;
        hits = 0;
        if (!full) {
            return;
        }
        if (hitPercent < STOP_BELOW_PERCENT) {
            empty();
            enabled = false;
            return;
        }
        combinePending();
        table.evictCold(COLD_HITS, downstream);
    }

    /** Combines what is pending and hands every combined value downstream; the table is then empty. */
    public void empty() throws IOException {
        combinePending();
        int keys = table.keyCount();
        byte[] arena = table.arena();
        for (int id = 0; id < keys; id++) {
            if (table.valueLength(id) != CombiningTable.NONE) {
                downstream.append(arena, table.keyOffset(id), table.keyLength(id), table.valueOffset(id), table.valueLength(id));
            }
        }
        table.clear();
    }

    /** One combiner call per key with pending values: its combined value (if any), then the pending ones. */
    private void combinePending() throws IOException {
        if (table.pendingCount() == 0) {
            return;
        }
        Reducer<Object, Object, Object, Object> combiner = combiners.get();
        String role = combiner.getClass().getName();
        try {
            combiner.setup(context);
        } catch (Exception e) {
            throw failed(new UserCodeException(role + ".setup", e));
        }
        sendDownstream();
        byte[] arena = table.arena();
        long combinedBefore = 0;
        for (int i = 0; i < table.touchedCount(); i++) {
            int id = table.touched(i);
            Object key = keyCodec.read(arena, table.keyOffset(id), table.keyLength(id));
            values.reset(id);
            combinedBefore += table.valueLength(id) != CombiningTable.NONE ? 1 : 0;
            try {
                combiner.reduce(key, values, context);
            } catch (Exception e) {
                throw failed(new UserCodeException(role + ".reduce of key '" + keyCodec.toText(key) + "'", e));
            }
            keep(id);
        }
        try {
            combiner.cleanup(context);
        } catch (Exception e) {
            throw failed(new UserCodeException(role + ".cleanup", e));
        }
        sendDownstream();
        combineInput.increment(table.pendingCount() + combinedBefore); // every value, also those a combiner skipped
        table.clearPending();
    }

    /** After a call for key {@code id}: one record of the same key becomes its combined value; anything else goes on. */
    private void keep(int id) throws IOException {
        combineOutput.increment(outputs.count);
        byte[] arena = table.arena();
        if (outputs.count == 1 && outputs.keyLength(0) == table.keyLength(id)
                && java.util.Arrays.equals(outputs.bytes(), 0, outputs.keyLength(0),
                        arena, table.keyOffset(id), table.keyOffset(id) + table.keyLength(id))
                && table.setValue(id, outputs.bytes(), outputs.keyLength(0), outputs.valueLength(0))) {
            outputs.clear();
            return;
        }
        table.setValue(id, null, 0, CombiningTable.NONE);
        sendDownstream();
    }

    private void sendDownstream() throws IOException {
        for (int i = 0; i < outputs.count; i++) {
            int start = outputs.start[i];
            downstream.append(outputs.bytes(), start, outputs.keyLength(i), start + outputs.keyLength(i), outputs.valueLength(i));
        }
        outputs.clear();
    }

    private static IOException failed(UserCodeException e) {
        return new CombinerFailedException(e);
    }

    /** The records one combiner call wrote, serialized back to back. */
    private final class CallOutputs {
        private final BufferOutput buffer = new BufferOutput(256);
        private int[] start = new int[4];
        private int[] keyEnd = new int[4];
        private int count;

        void add(Object key, Object value) throws IOException {
            if (count == start.length) {
                start = java.util.Arrays.copyOf(start, count * 2);
                keyEnd = java.util.Arrays.copyOf(keyEnd, count * 2);
            }
            start[count] = buffer.size();
            keyCodec.write(key, buffer);
            keyEnd[count] = buffer.size();
            valueCodec.write(value, buffer);
            count++;
        }

        byte[] bytes() { return buffer.array(); }
        int keyLength(int i) { return keyEnd[i] - start[i]; }
        int valueLength(int i) { return (i + 1 < count ? start[i + 1] : buffer.size()) - keyEnd[i]; }

        void clear() {
            buffer.reset();
            count = 0;
        }
    }

    /** A key's values for one combiner call: iterable once, decoded one at a time. */
    private final class TableValues implements Iterable<Object>, Iterator<Object> {
        private int id;
        private boolean combinedNext;
        private int pending;
        private boolean iterated;

        void reset(int key) {
            id = key;
            combinedNext = table.valueLength(key) != CombiningTable.NONE;
            pending = table.firstPending(key);
            iterated = false;
        }

        @Override
        public Iterator<Object> iterator() {
            if (iterated) {
                throw new IllegalStateException("the values of a key can be iterated only once: they are streamed, not stored");
            }
            iterated = true;
            return this;
        }

        @Override
        public boolean hasNext() {
            return combinedNext || pending != CombiningTable.NONE;
        }

        @Override
        public Object next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            if (combinedNext) {
                combinedNext = false;
                return valueCodec.read(table.arena(), table.valueOffset(id), table.valueLength(id));
            }
            int p = pending;
            pending = table.nextPending(p);
            return valueCodec.read(table.pendingBytes(), table.pendingOffset(p), table.pendingLength(p));
        }
    }
}
