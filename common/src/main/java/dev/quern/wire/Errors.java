package dev.quern.wire;

import dev.quern.proto.Error;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Builds the wire {@code Error}. */
public final class Errors {

    private Errors() {}

    public static Error of(Error.Code code, String message, boolean retriable) {
        return Error.newBuilder().setCode(code).setMessage(message).setRetriable(retriable).build();
    }

    /** An error carrying {@code cause} with its stack trace, for the user to read. */
    public static Error of(Error.Code code, String message, boolean retriable, Throwable cause) {
        return of(code, message, retriable).toBuilder().setDetail(stackTrace(cause)).build();
    }

    public static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    /** One line for logs and CLI output: {@code NOT_FOUND: input path /x does not exist}. */
    public static String describe(Error error) {
        return error.getCode() + ": " + error.getMessage();
    }
}
