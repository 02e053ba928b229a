package dev.quern.jar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.cli.Main;
import dev.quern.testing.JavaJars;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mr local --jar JOBJAR TOOL ARGS...} as docs/writing-jobs.md shows it. */
class LocalJarCommandTest {

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {}

    private static Run mr(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    private Path docJar() throws Exception {
        String source = JobJarSources.docBlocks("java").stream().filter(s -> s.contains("class WordLengths")).findFirst().orElseThrow();
        return JavaJars.compile(dir, "word-lengths-1.0.jar", Map.of("com.example.wordlengths.WordLengths", source));
    }

    @Test
    void runsAToolFromTheJar() throws Exception {
        Path in = Files.writeString(dir.resolve("in.txt"), "a bb cc\nddd é 😀x\n");
        Path out = dir.resolve("lengths");

        Run run = mr("local", "--jar", docJar().toString(), "com.example.wordlengths.WordLengths", in.toString(), out.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("SUCCEEDED");
        assertThat(Files.readAllLines(out.resolve("part-r-00000"))).containsExactly("1\t2", "2\t3", "3\t1");
    }

    @Test
    void aMissingJarOrClassIsAUsageErrorThatNamesIt() throws Exception {
        Path missing = dir.resolve("nope.jar");
        Run noJar = mr("local", "--jar", missing.toString(), "com.example.X", "in", dir.resolve("o").toString());
        assertThat(noJar.code()).isEqualTo(2);
        assertThat(noJar.err()).contains("job jar " + missing + " does not exist");

        Path jar = docJar();
        Run noClass = mr("local", "--jar", jar.toString(), "com.example.Nope", "in", dir.resolve("o").toString());
        assertThat(noClass.code()).isEqualTo(2);
        assertThat(noClass.err()).contains("class com.example.Nope is not in job jar " + jar);
        assertThat(dir.resolve("o")).doesNotExist();
    }
}
