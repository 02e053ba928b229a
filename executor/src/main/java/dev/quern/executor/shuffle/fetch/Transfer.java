package dev.quern.executor.shuffle.fetch;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.CompletableFuture;

/**
 * A fetch under way. {@code result} completes once, with the checked segment or a
 * {@link FetchException}. {@code released} completes after that, once the connection is closed and
 * nothing of the fetch is left on disk but a committed result: wait for it before deleting the
 * directory a cancelled fetch was writing into.
 */
public record Transfer<T>(CompletableFuture<T> result, CompletableFuture<Void> released) {

    public Transfer {
        requireNonNull(result, "result is null");
        requireNonNull(released, "released is null");
    }

    /** Aborts the transfer; a result already complete is not changed. */
    public void cancel() {
        result.cancel(true);
    }
}
