package dev.quern.wire;

import dev.quern.proto.Error;

/** A failure reported by a remote Quern daemon, carrying its wire {@link Error}. */
public final class QuernException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Error error;

    public QuernException(Error error) {
        super(Errors.describe(error));
        this.error = error;
    }

    public Error error() {
        return error;
    }
}
