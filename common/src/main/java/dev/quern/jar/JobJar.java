package dev.quern.jar;

import static java.util.Objects.requireNonNull;

import dev.quern.api.Tool;
import dev.quern.proto.JobSpec;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.zip.ZipException;

/**
 * A job jar on the client: the {@link Tool} in it (to plan the jobs), its hash, and its bytes for
 * upload ({@code QuernClient.upload}). Classes are loaded with the Quern API's loader as parent, as
 * on the cluster, so a Tool here builds jobs from the same classes the executors will run.
 *
 * <pre>{@code
 * try (JobJar jar = JobJar.open(Path.of("target/my-job.jar"))) {
 *     Workflow workflow = jar.tool("com.example.MyTool").plan(args, reducers);
 *     new WorkflowRunner(new ClientSubmitter(client, timeout, jar), listener).run(workflow);
 * }
 * }</pre>
 */
public final class JobJar implements AutoCloseable {

    private final Path path;
    private final byte[] bytes;
    private final String sha256;
    private final Path copy;
    private final URLClassLoader loader;

    private JobJar(Path path, byte[] bytes) throws IOException {
        this.path = path;
        this.bytes = bytes;
        this.sha256 = JarHash.of(bytes);
        // Classes come from a private copy of the bytes read: a jar rebuilt meanwhile cannot make the
        // tool plan with other classes than the ones uploaded.
        this.copy = Files.write(Files.createTempFile("quern-job-jar-", ".jar"), bytes);
        this.loader = new URLClassLoader("job-jar-" + name(), new URL[] {copy.toUri().toURL()}, Tool.class.getClassLoader());
    }

    /**
     * Reads a jar file.
     *
     * @throws IllegalArgumentException when it does not exist, is too big or is not a jar, naming it
     */
    public static JobJar open(Path jar) throws IOException {
        requireNonNull(jar, "jar is null");
        Path file = jar.toAbsolutePath().normalize();
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("job jar " + jar + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("job jar " + jar + " is a directory, not a jar file");
        }
        if (size > JarStore.MAX_JAR_BYTES) {
            throw new IllegalArgumentException(JarStore.tooBig(jar.toString(), size));
        }
        try (JarFile check = new JarFile(file.toFile())) {
            check.size(); // opening reads the central directory: a file that is no zip fails here
        } catch (ZipException e) {
            throw new IllegalArgumentException("job jar " + jar + " is not a jar (zip) file: " + e.getMessage());
        }
        return new JobJar(file, Files.readAllBytes(file));
    }

    public Path path() { return path; }
    public String name() { return path.getFileName().toString(); }
    public String sha256() { return sha256; }

    /** The jar's bytes, for upload. */
    public byte[] bytes() { return bytes.clone(); }

    /** Loads the jar's classes (and, through the parent, the Quern API). */
    public ClassLoader classLoader() { return loader; }

    /**
     * A new instance of the named {@link Tool} class from this jar. While it plans, the thread's
     * context class loader is the jar's, for tools that look classes up by name.
     *
     * @throws IllegalArgumentException when the class is missing, not a Tool or cannot be created,
     *     with a message that names the class and the jar
     */
    public Tool tool(String className) {
        Class<?> cls;
        try {
            cls = Class.forName(className, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("class " + className + " is not in job jar " + path);
        } catch (LinkageError e) {
            throw new IllegalArgumentException("class " + className + " in job jar " + path + " cannot be loaded: " + e, e);
        }
        if (!Tool.class.isAssignableFrom(cls)) {
            throw new IllegalArgumentException("class " + className + " in job jar " + path + " does not implement " + Tool.class.getName());
        }
        Tool tool;
        try {
            tool = (Tool) cls.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("tool class " + className + " in job jar " + path + " has no public no-argument constructor");
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalArgumentException("cannot create tool class " + className + " from job jar " + path + ": " + e, e);
        }
        return (args, reducers) -> {
            Thread thread = Thread.currentThread();
            ClassLoader before = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                return tool.plan(args, reducers);
            } finally {
                thread.setContextClassLoader(before);
            }
        };
    }

    /** The spec, naming this jar as where its classes come from. */
    public JobSpec stamp(JobSpec spec) {
        return spec.toBuilder().setJarSha256(sha256).setJarName(name()).build();
    }

    @Override
    public void close() throws IOException {
        try {
            loader.close();
        } finally {
            Files.deleteIfExists(copy);
        }
    }
}
