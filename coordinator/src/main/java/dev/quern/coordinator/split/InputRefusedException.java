package dev.quern.coordinator.split;

/** Input that exists but cannot be read in its format; the message names the file and the value. */
public final class InputRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    public InputRefusedException(String message) {
        super(message);
    }
}
