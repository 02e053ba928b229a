package dev.quern.coordinator.jar;

import dev.quern.io.FileTrees;
import dev.quern.jar.JarLoaders;
import dev.quern.jar.JarNotFoundException;
import dev.quern.jar.JarStore;
import dev.quern.proto.Error;
import dev.quern.proto.JobSpec;
import dev.quern.wire.Errors;
import dev.quern.zk.ZkPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the job jar a submitted spec names, for the submit's class checks. Reading a jar from
 * ZooKeeper may take a while, so it happens on a thread of its own, never on the coordinator's loop
 * that every job waits on. Jars are cached in a temporary directory, deleted on close.
 */
public final class SubmitJars implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SubmitJars.class);
    private static final int IDLE_LOADERS_KEPT = 8;

    private final ExecutorService fetches = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "quern-coordinator-jars");
        t.setDaemon(true);
        return t;
    });
    private final Path cache;
    private final JarLoaders loaders;

    public SubmitJars(CuratorFramework zk, ZkPaths paths, ClassLoader parent) throws IOException {
        this.cache = Files.createTempDirectory("quern-coordinator-jars-");
        this.loaders = new JarLoaders(new JarStore(zk, paths), cache, parent, IDLE_LOADERS_KEPT);
    }

    /**
     * Later, on the fetch thread: {@code then} gets a lease on the loader of the spec's jar (whoever
     * takes it closes it), or {@code refused} an error that names the jar.
     */
    public void open(JobSpec spec, Consumer<Error> refused, Consumer<JarLoaders.Lease> then) {
        fetches.execute(() -> {
            JarLoaders.Lease lease;
            String job = "job '" + spec.getName() + "' refused: ";
            try {
                lease = loaders.acquire(spec);
            } catch (JarNotFoundException e) {
                refused.accept(Errors.of(Error.Code.NOT_FOUND, job + e.getMessage(), false));
                return;
            } catch (IllegalArgumentException e) {
                refused.accept(Errors.of(Error.Code.INVALID_ARGUMENT, job + e.getMessage(), false));
                return;
            } catch (IOException | RuntimeException e) {
                refused.accept(Errors.of(Error.Code.IO_ERROR, job + "cannot load " + JarLoaders.origin(spec) + ": " + e, true));
                return;
            }
            then.accept(lease);
        });
    }

    @Override
    public void close() {
        fetches.shutdownNow();
        loaders.close();
        try {
            FileTrees.delete(cache);
        } catch (IOException e) {
            log.warn("cannot delete the job jar cache {}: {}", cache, e.toString());
        }
    }
}
