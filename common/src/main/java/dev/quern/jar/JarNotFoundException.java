package dev.quern.jar;

import java.io.IOException;

/** No complete job jar of the given hash is stored in the cluster. */
public final class JarNotFoundException extends IOException {

    private static final long serialVersionUID = 1L;

    public JarNotFoundException(String message) {
        super(message);
    }
}
