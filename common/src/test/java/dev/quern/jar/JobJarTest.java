package dev.quern.jar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quern.proto.JobSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobJarTest {

    @TempDir
    Path dir;

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nope.jar");
        assertThatThrownBy(() -> JobJar.open(missing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("job jar " + missing + " does not exist");
    }

    @Test
    void aFileThatIsNoJarIsNamed() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.jar"), "not a zip");
        assertThatThrownBy(() -> JobJar.open(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("job jar " + text + " is not a jar");
    }

    @Test
    void aClassThatIsMissingOrNoToolIsNamedWithTheJar() throws Exception {
        Path file = Files.write(dir.resolve("job.jar"), TestJars.jar(Map.of("greeting.txt", "hi")));
        try (JobJar jar = JobJar.open(file)) {
            assertThatThrownBy(() -> jar.tool("com.example.Missing")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("class com.example.Missing is not in job jar " + file);
            assertThatThrownBy(() -> jar.tool("java.lang.String")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("class java.lang.String in job jar " + file + " does not implement dev.quern.api.Tool");
        }
    }

    @Test
    void itsHashAndNameGoIntoTheSpec() throws Exception {
        byte[] bytes = TestJars.jar(Map.of("a.txt", "a"));
        Path file = Files.write(dir.resolve("mine.jar"), bytes);
        try (JobJar jar = JobJar.open(file)) {
            JobSpec spec = jar.stamp(JobSpec.newBuilder().setName("j").build());

            assertThat(jar.sha256()).isEqualTo(JarHash.of(bytes)).isEqualTo(JarHash.of(file));
            assertThat(spec.getJarSha256()).isEqualTo(jar.sha256());
            assertThat(spec.getJarName()).isEqualTo("mine.jar");
            assertThat(jar.bytes()).isEqualTo(bytes);
        }
    }

    @Test
    void itsClassesAreTheBytesReadAtOpenEvenIfTheFileChangesAfter() throws Exception {
        Path file = Files.write(dir.resolve("job.jar"), TestJars.jar(Map.of("greeting.txt", "first")));
        try (JobJar jar = JobJar.open(file)) {
            Files.write(file, TestJars.jar(Map.of("greeting.txt", "rebuilt")));

            try (var in = jar.classLoader().getResourceAsStream("greeting.txt")) {
                assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("first");
            }
        }
    }
}
