package dev.quern.executor.reduce;

import dev.quern.executor.reduce.run.MemoryRun;
import dev.quern.executor.reduce.run.MergedRun;
import dev.quern.executor.reduce.run.SortedRun;
import dev.quern.proto.MapOutputLocation;
import java.util.List;

/**
 * What the copy loop of a reduce attempt reacts to, in the order it happened. Locations come from the
 * leader (through {@link MapOutputFeed}); the rest from the attempt's own fetches, backoff timers and
 * background merge, each posted from its own thread to the loop's queue.
 */
sealed interface CopyEvent {

    /** A map output to fetch from (at launch, or announced later). */
    record Available(MapOutputLocation location) implements CopyEvent {}

    /** The output of map attempt {@code mapAttemptId} (of map {@code mapIndex}) can no longer be fetched. */
    record Obsolete(int mapIndex, String mapAttemptId) implements CopyEvent {}

    /** A fetch finished with a checked segment. */
    record Fetched(ShuffleCopier.Fetch fetch, SortedRun run) implements CopyEvent {}

    /** A fetch failed (or was cancelled). */
    record FetchFailed(ShuffleCopier.Fetch fetch, Throwable cause) implements CopyEvent {}

    /** A failed fetch's backoff is over: try it again. */
    record RetryDue(ShuffleCopier.Fetch fetch) implements CopyEvent {}

    /** The background merge of {@code inputs} wrote {@code output}. */
    record Merged(List<MemoryRun> inputs, MergedRun output) implements CopyEvent {}

    /** The background merge of {@code inputs} failed. */
    record MergeFailed(List<MemoryRun> inputs, Throwable cause) implements CopyEvent {}
}
