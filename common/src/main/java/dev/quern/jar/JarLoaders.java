package dev.quern.jar;

import static java.util.Objects.requireNonNull;

import dev.quern.proto.JobSpec;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One class loader per job jar, shared by everything that holds a {@link Lease} on it. The jar is
 * copied to {@code cacheDir/SHA256.jar} (fetched once, checked against the hash whenever a loader is
 * opened on it), and loaded with the daemon's loader as parent, so the Quern API is the daemon's own
 * and two jars may define the same class name. A loader nobody holds is kept among the
 * {@code idleKept} most recently released, then closed.
 *
 * <p>Thread-safe. A jar is fetched by the first thread that asks for it, outside the lock; others
 * asking for it wait for that fetch, and nobody else does.
 */
public final class JarLoaders implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JarLoaders.class);

    private final JarSource source;
    private final Path cacheDir;
    private final ClassLoader parent;
    private final int idleKept;
    // Guarded by this.
    private final Map<String, Entry> entries = new HashMap<>();
    private final LinkedHashMap<String, Entry> idle = new LinkedHashMap<>(); // least recently released first
    private boolean closed;

    private static final class Entry {
        final String sha256;
        final CompletableFuture<URLClassLoader> loader = new CompletableFuture<>();
        int leases;

        Entry(String sha256) {
            this.sha256 = sha256;
        }
    }

    public JarLoaders(JarSource source, Path cacheDir, ClassLoader parent, int idleKept) {
        this.source = requireNonNull(source, "source is null");
        this.cacheDir = requireNonNull(cacheDir, "cacheDir is null");
        this.parent = requireNonNull(parent, "parent is null");
        if (idleKept < 0) {
            throw new IllegalArgumentException("idle loaders kept must be >= 0, got " + idleKept);
        }
        this.idleKept = idleKept;
    }

    /** The loader of the job's classes: its jar's, or the daemon's own when it names no jar. */
    public Lease acquire(JobSpec spec) throws IOException {
        return spec.getJarSha256().isEmpty() ? new Lease(parent, null) : acquire(spec.getJarSha256());
    }

    public Lease acquire(String sha256) throws IOException {
        JarHash.check(sha256);
        Entry entry;
        boolean opener = false;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("job jar loaders are closed");
            }
            entry = entries.get(sha256);
            if (entry == null) {
                entry = new Entry(sha256);
                entries.put(sha256, entry);
                opener = true;
            }
            idle.remove(sha256);
            entry.leases++;
        }
        if (opener) {
            try {
                entry.loader.complete(open(sha256));
            } catch (IOException | RuntimeException e) {
                entry.loader.completeExceptionally(e);
            }
        }
        try {
            return new Lease(entry.loader.join(), entry);
        } catch (CompletionException e) {
            release(entry);
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    private URLClassLoader open(String sha256) throws IOException {
        Files.createDirectories(cacheDir);
        Path file = cacheDir.resolve(sha256 + ".jar");
        if (!Files.exists(file) || !JarHash.of(file).equals(sha256)) {
            byte[] bytes = source.fetch(sha256);
            if (!JarHash.of(bytes).equals(sha256)) {
                throw new IOException("job jar " + sha256 + " as fetched has sha256 " + JarHash.of(bytes));
            }
            // Written aside, then renamed: a crash leaves a temp file, never a short jar under the name.
            Path temp = Files.createTempFile(cacheDir, sha256, ".part");
            try {
                Files.write(temp, bytes);
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
            log.info("job jar {} fetched: {} bytes into {}", JarHash.shortForm(sha256), bytes.length, file);
        }
        URL url = file.toUri().toURL();
        return new URLClassLoader("job-jar-" + JarHash.shortForm(sha256), new URL[] {url}, parent);
    }

    private synchronized void release(Entry entry) {
        if (--entry.leases > 0 || entries.get(entry.sha256) != entry) {
            return;
        }
        if (entry.loader.isCompletedExceptionally()) {
            entries.remove(entry.sha256); // the next acquire tries again
            return;
        }
        idle.put(entry.sha256, entry);
        while (idle.size() > idleKept) {
            Entry eldest = idle.values().iterator().next();
            idle.remove(eldest.sha256);
            entries.remove(eldest.sha256);
            closeQuietly(eldest);
        }
    }

    /** How many loaders are open now (held or idle): for tests. */
    public synchronized int openLoaders() {
        return (int) entries.values().stream().filter(e -> e.loader.isDone() && !e.loader.isCompletedExceptionally()).count();
    }

    /** Where the job's classes come from, for messages: "job jar NAME (sha256 …)" or "the daemon's classpath". */
    public static String origin(JobSpec spec) {
        if (spec.getJarSha256().isEmpty()) {
            return "the daemon's classpath";
        }
        String name = spec.getJarName().isEmpty() ? "" : spec.getJarName() + " ";
        return "job jar " + name + "(sha256 " + JarHash.shortForm(spec.getJarSha256()) + ")";
    }

    /** Closes every loader, held or not: for a daemon shutting down. */
    @Override
    public synchronized void close() {
        closed = true;
        entries.values().forEach(JarLoaders::closeQuietly);
        entries.clear();
        idle.clear();
    }

    private static void closeQuietly(Entry entry) {
        URLClassLoader loader = entry.loader.getNow(null);
        if (loader == null) {
            return;
        }
        try {
            loader.close();
        } catch (IOException e) {
            log.warn("cannot close the loader of job jar {}: {}", entry.sha256, e.toString());
        }
    }

    /** A hold on a loader; closing it lets the loader go idle. Idempotent. */
    public final class Lease implements AutoCloseable {
        private final ClassLoader loader;
        private final Entry entry;
        private boolean released;

        private Lease(ClassLoader loader, Entry entry) {
            this.loader = loader;
            this.entry = entry;
        }

        public ClassLoader loader() {
            return loader;
        }

        @Override
        public void close() {
            synchronized (JarLoaders.this) {
                if (released || entry == null) {
                    return;
                }
                released = true;
                release(entry);
            }
        }
    }
}
