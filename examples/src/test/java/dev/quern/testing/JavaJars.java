package dev.quern.testing;

import dev.quern.api.Mapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Job jars made in a test: Java sources compiled with javax.tools against the Quern API's classes
 * only (not the examples or the test classes), packed into a jar. So the cluster can only find the
 * classes in the jar.
 */
public final class JavaJars {

    private JavaJars() {}

    /**
     * @param sources class name (com.acme.Foo) to its source
     * @return {@code dir/jarName}
     */
    public static Path compile(Path dir, String jarName, Map<String, String> sources) throws IOException {
        Path src = Files.createDirectories(dir.resolve(jarName + ".src"));
        Path classes = Files.createDirectories(dir.resolve(jarName + ".classes"));
        List<String> args = new ArrayList<>(List.of("--release", "17", "-classpath", apiClasspath().toString(),
                "-d", classes.toString()));
        for (Map.Entry<String, String> s : sources.entrySet()) {
            Path file = src.resolve(s.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, s.getValue());
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        int rc = javac.run(null, messages, messages, args.toArray(String[]::new));
        if (rc != 0) {
            throw new IllegalStateException("javac failed (" + rc + ") for " + sources.keySet() + ":\n" + messages);
        }
        Path jar = dir.resolve(jarName);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                Stream<Path> walk = Files.walk(classes)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(p));
                out.closeEntry();
            }
        }
        return jar;
    }

    /** Where the API's classes are: {@code common/target/classes} in a build, or the quern-common jar. */
    public static Path apiClasspath() {
        try {
            return Path.of(Mapper.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
