package dev.quern.executor.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quern.api.Codec;
import dev.quern.api.Codecs;
import dev.quern.api.Context;
import dev.quern.api.HashPartitioner;
import dev.quern.api.KeyComparator;
import dev.quern.api.Reducer;
import dev.quern.executor.task.TaskContext;
import dev.quern.executor.task.TaskCounters;
import dev.quern.executor.task.UserCodeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A combiner that throws on the spill thread fails the mapper's write (or finish) and leaves no files. */
class BackgroundSpillFailureTest {

    @SuppressWarnings("unchecked")
    private static final Codec<Object> KEYS = (Codec<Object>) (Codec<?>) Codecs.STRING;
    @SuppressWarnings("unchecked")
    private static final Codec<Object> VALUES = (Codec<Object>) (Codec<?>) Codecs.LONG;

    /** Throws on its first key. */
    public static final class Exploding extends Reducer<Object, Object, Object, Object> {
        @Override
        public void reduce(Object key, Iterable<Object> values, Context<Object, Object> context) {
            throw new ArithmeticException("combiner exploded on " + key);
        }
    }

    @TempDir
    Path dir;

    @Test
    void theCombinersFailureReachesTheMapperAndNoSpillIsLeft() throws Exception {
        MapOutputSettings settings = new MapOutputSettings(dir, 2, new HashPartitioner(), KEYS, VALUES, KeyComparator.BYTES,
                () -> Optional.of(new Exploding()), 8192, false);
        TaskContext context = new TaskContext((k, v) -> {}, new TaskCounters(), Map.of(), "m-00000", "m-00000.1");
        MapOutputCollector collector = new MapOutputCollector(settings, context, new TaskCounters());
        assertThatThrownBy(() -> {
            for (int i = 0; i < 100_000; i++) {
                collector.collect("word" + (i % 100), 1L);
            }
            collector.finish();
        }).isInstanceOf(dev.quern.executor.combine.CombinerFailedException.class)
                .hasRootCauseInstanceOf(ArithmeticException.class)
                .hasCauseInstanceOf(UserCodeException.class)
                .hasMessageContaining("combiner exploded on word");
        collector.close();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
