package dev.quern.executor.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quern.api.Codec;
import dev.quern.api.Codecs;
import dev.quern.api.Context;
import dev.quern.api.KeyComparator;
import dev.quern.api.Reducer;
import dev.quern.executor.merge.ListStream.Rec;
import dev.quern.executor.task.TaskContext;
import dev.quern.executor.task.TaskCounters;
import dev.quern.executor.task.UserCodeException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class ReduceDriverTest {

    @SuppressWarnings("unchecked")
    private static final Codec<Object> KEYS = (Codec<Object>) (Codec<?>) Codecs.STRING;
    @SuppressWarnings("unchecked")
    private static final Codec<Object> VALUES = (Codec<Object>) (Codec<?>) Codecs.LONG;

    private final List<String> events = new ArrayList<>();
    private final List<String> written = new ArrayList<>();
    private final TaskCounters counters = new TaskCounters();
    private final TaskContext context = new TaskContext((k, v) -> written.add(k + "=" + v), counters, java.util.Map.of(),
            "r-00000", "r-00000.0");

    /** Logs every call; reads {@code take} values of each key (all when negative) and writes their sum. */
    private final class Recording extends Reducer<Object, Object, Object, Object> {
        private final int take;

        Recording(int take) {
            this.take = take;
        }

        @Override
        public void setup(Context<Object, Object> c) {
            events.add("setup");
        }

        @Override
        public void reduce(Object key, Iterable<Object> values, Context<Object, Object> c) throws IOException {
            List<Object> read = new ArrayList<>();
            Iterator<Object> it = values.iterator();
            while ((take < 0 || read.size() < take) && it.hasNext()) {
                assertThat(it.hasNext()).as("hasNext() is idempotent").isTrue();
                read.add(it.next());
            }
            if (take < 0) {
                assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
            }
            assertThatThrownBy(values::iterator).isInstanceOf(IllegalStateException.class).hasMessageContaining("once");
            events.add("reduce " + key + " " + read);
            c.write(key, read.stream().mapToLong(v -> (Long) v).sum());
        }

        @Override
        public void cleanup(Context<Object, Object> c) {
            events.add("cleanup");
        }
    }

    @Test
    void setupOneReducePerGroupInOrderThenCleanup() throws Exception {
        KeyGroups groups = groups(rec("a", 1), rec("a", 2), rec("a", 3), rec("b", 10), rec("c", 7), rec("c", 8));
        run(new Recording(-1), groups);
        assertThat(events).containsExactly("setup", "reduce a [1, 2, 3]", "reduce b [10]", "reduce c [7, 8]", "cleanup");
        assertThat(written).containsExactly("a=6", "b=10", "c=15");
        assertThat(counters.get("test", "groups").value()).isEqualTo(3);
        assertThat(counters.get("test", "records").value()).isEqualTo(6);
    }

    @Test
    void aReducerThatSkipsValuesStillSeesEveryGroupOnce() throws Exception {
        KeyGroups groups = groups(rec("a", 1), rec("a", 2), rec("a", 3), rec("b", 10), rec("c", 7), rec("c", 8), rec("d", 4));
        run(new Recording(1), groups);
        assertThat(events).containsExactly("setup", "reduce a [1]", "reduce b [10]", "reduce c [7]", "reduce d [4]", "cleanup");
        events.clear();
        run(new Recording(0), groups(rec("a", 1), rec("a", 2), rec("b", 3)));
        assertThat(events).containsExactly("setup", "reduce a []", "reduce b []", "cleanup");
    }

    @Test
    void anEmptyPartitionStillGetsSetupAndCleanup() throws Exception {
        run(new Recording(-1), groups());
        assertThat(events).containsExactly("setup", "cleanup");
    }

    @Test
    void theDefaultReducerIsTheIdentity() throws Exception {
        run(new Reducer<>() {}, groups(rec("a", 1), rec("a", 2), rec("b", -5)));
        assertThat(written).containsExactly("a=1", "a=2", "b=-5");
    }

    @Test
    void aFailingReducerIsWrappedWithItsOwnExceptionAsTheCause() {
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        Reducer<Object, Object, Object, Object> failing = new Reducer<>() {
            @Override
            public void reduce(Object key, Iterable<Object> values, Context<Object, Object> c) {
                if (key.equals("b")) {
                    throw boom;
                }
            }
        };
        assertThatThrownBy(() -> run(failing, groups(rec("a", 1), rec("b", 2), rec("c", 3))))
                .isInstanceOf(UserCodeException.class).hasMessageContaining("reduce of key 'b'").cause().isSameAs(boom);

        IOException io = new IOException("disk");
        assertThatThrownBy(() -> run(new Reducer<>() {
            @Override
            public void setup(Context<Object, Object> c) throws IOException {
                throw io;
            }
        }, groups(rec("a", 1)))).isInstanceOf(UserCodeException.class).hasMessageContaining(".setup").cause().isSameAs(io);

        IllegalStateException late = new IllegalStateException("late");
        assertThatThrownBy(() -> run(new Reducer<>() {
            @Override
            public void cleanup(Context<Object, Object> c) {
                throw late;
            }
        }, groups())).isInstanceOf(UserCodeException.class).hasMessageContaining(".cleanup").cause().isSameAs(late);
    }

    private void run(Reducer<Object, Object, Object, Object> reducer, KeyGroups groups) throws Exception {
        ReduceDriver.run(reducer, groups, KEYS, VALUES, context, counters.get("test", "groups"), counters.get("test", "records"));
    }

    private static KeyGroups groups(Rec... records) {
        return new KeyGroups(new ListStream(List.of(records)), KeyComparator.BYTES);
    }

    private static Rec rec(String key, long value) {
        return new Rec(encode(KEYS, key), encode(VALUES, value));
    }

    private static byte[] encode(Codec<Object> codec, Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            codec.write(value, out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return bytes.toByteArray();
    }
}
