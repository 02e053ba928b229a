package dev.quern.coordinator.job;

import dev.quern.proto.Error;
import dev.quern.wire.Errors;

/** A job refused at submit, with the wire error to send back. */
public final class SubmitException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Error error;

    public SubmitException(Error.Code code, String message) {
        super(message);
        this.error = Errors.of(code, message, false);
    }

    public Error error() {
        return error;
    }
}
