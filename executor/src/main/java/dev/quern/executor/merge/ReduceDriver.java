package dev.quern.executor.merge;

import dev.quern.api.Codec;
import dev.quern.api.Context;
import dev.quern.api.Counter;
import dev.quern.api.Reducer;
import dev.quern.executor.task.UserCodeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Runs a Reducer (or combiner) over a sorted stream: setup, one {@code reduce} per key group with a
 * single-pass iterable that decodes values as the reducer asks for them, cleanup.
 */
public final class ReduceDriver {

    private ReduceDriver() {}

    /** Every this many groups the driver calls {@code progress} (the attempt's reports are throttled further up). */
    private static final int PROGRESS_EVERY_GROUPS = 1024;

    public static void run(Reducer<Object, Object, Object, Object> reducer, KeyGroups groups,
            Codec<Object> keyCodec, Codec<Object> valueCodec, Context<Object, Object> context,
            Counter inputGroups, Counter inputRecords) throws IOException, UserCodeException {
        run(reducer, groups, () -> { }, keyCodec, valueCodec, context, inputGroups, inputRecords);
    }

    /** As above, calling {@code progress} now and then (a reduce attempt reports it: a hung one is timed out). */
    public static void run(Reducer<Object, Object, Object, Object> reducer, KeyGroups groups, Runnable progress,
            Codec<Object> keyCodec, Codec<Object> valueCodec, Context<Object, Object> context,
            Counter inputGroups, Counter inputRecords) throws IOException, UserCodeException {
        String role = reducer.getClass().getName();
        try {
            reducer.setup(context);
        } catch (Exception e) {
            throw new UserCodeException(role + ".setup", e);
        }
        long n = 0;
        while (groups.nextGroup()) {
            inputGroups.increment(1);
            if (++n % PROGRESS_EVERY_GROUPS == 0) {
                progress.run();
            }
            Object key = keyCodec.read(groups.groupKey(), 0, groups.groupKeyLength());
            try {
                reducer.reduce(key, new Values(groups, valueCodec), context);
            } catch (ValueReadException e) {
                throw e.getCause();
            } catch (Exception e) {
                throw new UserCodeException(role + ".reduce of key '" + keyCodec.toText(key) + "'", e);
            }
        }
        inputRecords.increment(groups.records()); // every record, also values the reducer skipped
        try {
            reducer.cleanup(context);
        } catch (Exception e) {
            throw new UserCodeException(role + ".cleanup", e);
        }
    }

    /** A read failure of the engine, carried through the reducer's loop and unwrapped by the driver. */
    private static final class ValueReadException extends UncheckedIOException {
        private static final long serialVersionUID = 1L;

        ValueReadException(IOException cause) {
            super("reading the values of a key failed: " + cause.getMessage(), cause);
        }
    }

    /** The values of one group: iterable once, decoded one at a time. */
    private static final class Values implements Iterable<Object>, Iterator<Object> {
        private final KeyGroups groups;
        private final Codec<Object> codec;
        private boolean iterated;
        private boolean checked;
        private boolean has;

        Values(KeyGroups groups, Codec<Object> codec) {
            this.groups = groups;
            this.codec = codec;
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
            if (!checked) {
                try {
                    has = groups.nextValue();
                } catch (IOException e) {
                    throw new ValueReadException(e);
                }
                checked = true;
            }
            return has;
        }

        @Override
        public Object next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            checked = false;
            RecordStream s = groups.stream();
            return codec.read(s.valueBuffer(), s.valueOffset(), s.valueLength());
        }
    }
}
