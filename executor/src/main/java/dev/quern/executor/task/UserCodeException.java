package dev.quern.executor.task;

/**
 * A failure thrown by the user's Mapper, Reducer, combiner or partitioner, wrapped so that the
 * attempt is reported as {@code USER_CODE_FAILED} with the user's own exception and stack trace.
 */
public final class UserCodeException extends Exception {

    private static final long serialVersionUID = 1L;

    public UserCodeException(String what, Throwable cause) {
        super(what + " threw " + cause, cause);
    }
}
