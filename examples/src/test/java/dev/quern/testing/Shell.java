package dev.quern.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a Unix pipeline as an oracle: {@code bash -c}, in the C locale, with a deadline. */
public final class Shell {

    private Shell() {}

    /** The lines {@code script} prints; fails the test when it exits non-zero or runs past 60 s. No pipefail: {@code head} may close a pipe early. */
    public static List<String> lines(Path workDir, String script, Map<String, String> env) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile(workDir, "shell-", ".out");
        Path stderr = Files.createTempFile(workDir, "shell-", ".err");
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "set -eu; " + script)
                .directory(workDir.toFile()).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        pb.environment().put("LC_ALL", "C");
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out after 60 s: " + script);
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("exit " + p.exitValue() + " from: " + script + "\n" + Files.readString(stderr));
        }
        return Files.readAllLines(stdout, StandardCharsets.UTF_8);
    }

    public static List<String> lines(Path workDir, String script) throws IOException, InterruptedException {
        return lines(workDir, script, Map.of());
    }

    /** Quotes a path for bash. */
    public static String quote(Path p) {
        return "'" + p.toAbsolutePath().toString().replace("'", "'\\''") + "'";
    }
}
