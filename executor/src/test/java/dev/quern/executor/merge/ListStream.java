package dev.quern.executor.merge;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * An in-memory {@link RecordStream} over a list of records, for merge and grouping tests. It is as
 * unfriendly as the contract allows: the current key and value sit at an odd offset in one shared
 * array that is overwritten (and the rest scrambled) on every {@code next()}, so a consumer that keeps
 * a buffer past {@code next()} reads garbage.
 */
final class ListStream implements RecordStream {

    /** One record; {@code equals} compares the bytes. */
    record Rec(byte[] key, byte[] value) {
        static Rec of(String key, String value) {
            return new Rec(key.getBytes(UTF_8), value.getBytes(UTF_8));
        }

        static final Comparator<Rec> BY_KEY = (a, b) -> Arrays.compareUnsigned(a.key, b.key);

        @Override
        public boolean equals(Object o) {
            return o instanceof Rec r && Arrays.equals(key, r.key) && Arrays.equals(value, r.value);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(key) + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return new String(key, UTF_8) + "=" + new String(value, UTF_8);
        }
    }

    private final List<Rec> records;
    private final Random scramble = new Random(0);
    private byte[] buffer = new byte[16];
    private int index = -1;
    private int keyOffset;
    private int valueOffset;
    boolean closed;

    ListStream(List<Rec> records) {
        this.records = List.copyOf(records);
    }

    @Override
    public boolean next() {
        if (closed) {
            throw new IllegalStateException("next() after close()");
        }
        if (++index >= records.size()) {
            index = records.size();
            return false;
        }
        Rec r = records.get(index);
        int needed = 3 + r.key.length + 2 + r.value.length + 1;
        if (buffer.length < needed) {
            buffer = new byte[needed];
        }
        scramble.nextBytes(buffer);
        keyOffset = 3;
        System.arraycopy(r.key, 0, buffer, keyOffset, r.key.length);
        valueOffset = keyOffset + r.key.length + 2;
        System.arraycopy(r.value, 0, buffer, valueOffset, r.value.length);
        return true;
    }

    @Override public byte[] keyBuffer() { return buffer; }
    @Override public int keyOffset() { return keyOffset; }
    @Override public int keyLength() { return records.get(index).key.length; }
    @Override public byte[] valueBuffer() { return buffer; }
    @Override public int valueOffset() { return valueOffset; }
    @Override public int valueLength() { return records.get(index).value.length; }

    @Override
    public void close() {
        closed = true;
    }

    /** The current record of any stream, copied. */
    static Rec current(RecordStream s) {
        return new Rec(Arrays.copyOfRange(s.keyBuffer(), s.keyOffset(), s.keyOffset() + s.keyLength()),
                Arrays.copyOfRange(s.valueBuffer(), s.valueOffset(), s.valueOffset() + s.valueLength()));
    }

    /** Every remaining record of a stream, copied. */
    static List<Rec> drain(RecordStream s) throws java.io.IOException {
        List<Rec> out = new ArrayList<>();
        while (s.next()) {
            out.add(current(s));
        }
        return out;
    }
}
