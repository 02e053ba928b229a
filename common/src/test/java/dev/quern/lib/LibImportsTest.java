package dev.quern.lib;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The library is user code: it may use the user API and the JDK, nothing of the engine. */
class LibImportsTest {

    @Test
    void libImportsOnlyJavaAndTheApi() throws IOException {
        Path sources = Path.of("src/main/java/dev/quern/lib");
        List<String> imports;
        try (Stream<Path> files = Files.list(sources)) {
            imports = files.flatMap(f -> {
                try {
                    return Files.readAllLines(f).stream().filter(l -> l.startsWith("import ")).map(l -> f.getFileName() + ": " + l);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        assertThat(imports).isNotEmpty().allSatisfy(l -> assertThat(l).matches(".*: import (static )?(java\\.|dev\\.quern\\.api\\.).*"));
    }
}
