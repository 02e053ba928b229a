package dev.quern.jar;

import java.io.IOException;

/** Where a daemon reads a job jar's bytes from: {@link JarStore} (ZooKeeper), or a fake in tests. */
@FunctionalInterface
public interface JarSource {

    /**
     * The jar's bytes, checked against its name.
     *
     * @throws JarNotFoundException when no complete jar of that hash is stored
     * @throws IOException when it cannot be read, or what was read is not that jar
     */
    byte[] fetch(String sha256) throws IOException;
}
