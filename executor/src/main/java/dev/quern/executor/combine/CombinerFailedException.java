package dev.quern.executor.combine;

import dev.quern.executor.task.UserCodeException;
import java.io.IOException;

/** Carries a combiner's failure out through the mapper's {@code write}, which may only throw IOException. */
public final class CombinerFailedException extends IOException {
    private static final long serialVersionUID = 1L;

    public CombinerFailedException(UserCodeException cause) {
        super(cause.getMessage(), cause);
    }
}
