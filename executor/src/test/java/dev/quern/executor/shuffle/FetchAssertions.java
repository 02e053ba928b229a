package dev.quern.executor.shuffle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.executor.shuffle.fetch.FetchException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits on fetch futures with a deadline, so a broken fetch fails its test instead of hanging it. */
public final class FetchAssertions {

    public static final long TIMEOUT_SECONDS = 30;

    private FetchAssertions() {}

    public static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** The {@link FetchException} the future failed with; an assertion error if it succeeded. */
    public static FetchException failure(CompletableFuture<?> future) {
        try {
            Object value = future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            throw new AssertionError("expected the fetch to fail, it returned " + value);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(FetchException.class);
            return (FetchException) e.getCause();
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("fetch did not complete within " + TIMEOUT_SECONDS + " s", e);
        }
    }
}
