package dev.quern.executor.map;

import dev.quern.api.Codec;
import dev.quern.api.KeyComparator;
import dev.quern.api.Partitioner;
import dev.quern.api.Reducer;
import dev.quern.job.EngineOptions;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/** What a {@link MapOutputCollector} needs to know about the job, grouped. */
public record MapOutputSettings(
        Path dir,
        int partitions,
        Partitioner partitioner,
        Codec<Object> keyCodec,
        Codec<Object> valueCodec,
        KeyComparator comparator,
        Supplier<Optional<Reducer<Object, Object, Object, Object>>> combiner,
        long sortBufferBytes,
        boolean eagerCombine,
        double spillPercent) {

    /** With the default spill threshold. */
    public MapOutputSettings(Path dir, int partitions, Partitioner partitioner, Codec<Object> keyCodec, Codec<Object> valueCodec,
            KeyComparator comparator, Supplier<Optional<Reducer<Object, Object, Object, Object>>> combiner,
            long sortBufferBytes, boolean eagerCombine) {
        this(dir, partitions, partitioner, keyCodec, valueCodec, comparator, combiner, sortBufferBytes, eagerCombine,
                EngineOptions.DEFAULT_SPILL_PERCENT);
    }

    /** The combiner may run before the sort (see EagerCombiner): there is one, and keys group by their bytes. */
    boolean combinesEagerly() {
        return eagerCombine && comparator == KeyComparator.BYTES && combiner.get().isPresent();
    }
}
