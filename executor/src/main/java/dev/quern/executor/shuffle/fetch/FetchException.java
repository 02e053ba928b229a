package dev.quern.executor.shuffle.fetch;

import dev.quern.proto.Error;
import dev.quern.wire.Errors;
import java.io.IOException;
import java.util.Optional;

/**
 * A fetch that did not produce a checked segment. The message names the server, job, attempt and
 * partition, then the reason. {@link #retriable()} tells the caller whether the same fetch may
 * succeed later (a transport failure, a corrupted transfer, or a server error marked retriable) or
 * whether the map output has to be produced again.
 */
public final class FetchException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Why the fetch failed: the reducer reports a {@code CORRUPT} map output at once (it does not heal). */
    public enum Kind { TRANSPORT, CORRUPT, SERVER, FATAL }

    private final Kind kind;
    private final boolean retriable;
    private final transient Error serverError;

    private FetchException(SegmentSource source, Kind kind, String reason, boolean retriable, Throwable cause, Error serverError) {
        super("cannot fetch " + source + ": " + reason, cause);
        this.kind = kind;
        this.retriable = retriable;
        this.serverError = serverError;
    }

    /** The connection failed, timed out or closed early: another try may work. */
    static FetchException transport(SegmentSource source, String reason, Throwable cause) {
        return new FetchException(source, Kind.TRANSPORT, reason, true, cause, null);
    }

    /** The bytes arrived but do not match the index: the transfer was damaged, or the file was. */
    static FetchException corrupt(SegmentSource source, String reason) {
        return new FetchException(source, Kind.CORRUPT, reason, true, null, null);
    }

    /** The server refused; it says whether trying again may help. */
    static FetchException server(SegmentSource source, Error error) {
        return new FetchException(source, Kind.SERVER, "server answered " + Errors.describe(error), error.getRetriable(), null, error);
    }

    /** Neither side can fix this by retrying: a confused peer or a local disk that refuses the file. */
    static FetchException fatal(SegmentSource source, String reason, Throwable cause) {
        return new FetchException(source, Kind.FATAL, reason, false, cause, null);
    }

    public Kind kind() {
        return kind;
    }

    public boolean retriable() {
        return retriable;
    }

    /** The server's {@code Error}, when the failure is the server's answer. */
    public Optional<Error> serverError() {
        return Optional.ofNullable(serverError);
    }
}
