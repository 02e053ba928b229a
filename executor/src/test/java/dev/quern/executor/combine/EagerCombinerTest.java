package dev.quern.executor.combine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.api.Codec;
import dev.quern.api.Codecs;
import dev.quern.api.Context;
import dev.quern.api.Counter;
import dev.quern.api.Reducer;
import dev.quern.executor.task.TaskContext;
import dev.quern.executor.task.TaskCounters;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The early combiner against a plain HashMap sum: whatever reaches downstream, summed per key, must
 * be the oracle's counts, for skewed keys (the table combines most records) and for keys that never
 * repeat (the table fills, misses, and is given up).
 */
class EagerCombinerTest {

    @SuppressWarnings("unchecked")
    private static final Codec<Object> KEYS = (Codec<Object>) (Codec<?>) Codecs.STRING;
    @SuppressWarnings("unchecked")
    private static final Codec<Object> VALUES = (Codec<Object>) (Codec<?>) Codecs.LONG;

    public static final class Sum extends Reducer<Object, Object, Object, Object> {
        @Override
        public void reduce(Object key, Iterable<Object> values, Context<Object, Object> context) throws IOException {
            long sum = 0;
            for (Object v : values) {
                sum += (Long) v;
            }
            context.write(key, sum);
        }
    }

    private final Map<String, Long> downstream = new HashMap<>();
    private long downstreamRecords;
    private final TaskCounters counters = new TaskCounters();

    private EagerCombiner combiner() {
        TaskContext context = new TaskContext((k, v) -> {
            throw new AssertionError("the combiner writes through its own sink");
        }, counters, Map.of(), "m-00000", "m-00000.1");
        Counter in = counters.engine("in");
        Counter out = counters.engine("out");
        return new EagerCombiner(new CombiningTable(2 << 20), KEYS, VALUES, Sum::new, context, (b, ko, kl, vo, vl) -> {
            downstream.merge((String) KEYS.read(b, ko, kl), (Long) VALUES.read(b, vo, vl), Long::sum);
            downstreamRecords++;
        }, in, out);
    }

    @Test
    void skewedKeysAreMostlyCombinedInTheTable() throws IOException {
        EagerCombiner c = combiner();
        Map<String, Long> oracle = new HashMap<>();
        Random random = new Random(7);
        int records = 3 * EagerCombiner.WINDOW;
        for (int i = 0; i < records; i++) {
            // ~1/rank: a few keys take most records; a long tail of 200k keys overflows the table
            String key = "k" + (int) Math.floor(Math.exp(random.nextDouble() * Math.log(200_000)));
            long value = 1 + random.nextInt(3);
            c.collect(key, value);
            oracle.merge(key, value, Long::sum);
        }
        assertThat(c.enabled()).isTrue();
        c.empty();
        assertThat(downstream).isEqualTo(oracle);
        assertThat(downstreamRecords).as("records that reached the sort").isLessThan(records / 2);
    }

    @Test
    void keysThatStopComingLeaveTheTableForKeysThatCome() throws IOException {
        EagerCombiner c = combiner();
        Map<String, Long> oracle = new HashMap<>();
        Random random = new Random(11);
        // First window: half the records are 100 hot keys, half are keys seen once, which fill the table.
        for (int i = 0; i < EagerCombiner.WINDOW; i++) {
            String key = i % 2 == 0 ? "hot-" + random.nextInt(100) : "once-" + i;
            c.collect(key, 1L);
            oracle.merge(key, 1L, Long::sum);
        }
        long before = downstreamRecords;
        // Then 5,000 other keys, each about 400 times: they find room only if the keys seen once left.
        for (int i = 0; i < 2 * EagerCombiner.WINDOW; i++) {
            String key = "new-" + random.nextInt(5000);
            c.collect(key, 2L);
            oracle.merge(key, 2L, Long::sum);
        }
        assertThat(c.enabled()).isTrue();
        assertThat(downstreamRecords - before).as("records of the new keys that missed the table")
                .isLessThan(EagerCombiner.WINDOW / 10);
        c.empty();
        assertThat(downstream).isEqualTo(oracle);
    }

    @Test
    void keysThatNeverRepeatMakeTheMapGiveTheTableUp() throws IOException {
        EagerCombiner c = combiner();
        int records = 3 * EagerCombiner.WINDOW;
        for (int i = 0; i < records; i++) {
            c.collect("key-" + i, 1L);
        }
        assertThat(c.enabled()).isFalse();
        c.empty();
        assertThat(downstream).hasSize(records).allSatisfy((k, v) -> assertThat(v).isEqualTo(1L));
        assertThat(downstreamRecords).isEqualTo(records);
        assertThat(counters.engine("in").value()).isZero();
    }
}
