package dev.quern.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One daemon ({@code mr zookeeper|coordinator|executor ...}) in its own JVM, on the test classpath,
 * with its stdout and stderr in a log file. The daemon gets {@code --exit-with <this JVM's pid>}, so
 * it ends when the test JVM does, even when that one is killed and cannot run its shutdown hooks.
 */
public final class DaemonProcess {

    /** Small heaps and a quick start: C1 only, serial GC (a daemon here runs seconds, not hours). */
    private static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData");

    private final String name;
    private final Process process;
    private final Path log;
    private volatile String readyLine;

    private DaemonProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code java -Xmx<heap> -cp <test classpath> dev.quern.cli.Main <args>}; does not wait. */
    public static DaemonProcess start(String name, String heap, List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.addAll(JVM_OPTIONS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.quern.cli.Main");
        command.addAll(args);
        command.add("--exit-with");
        command.add(Long.toString(ProcessHandle.current().pid()));
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // Hermetic: settings come from the arguments only, never from the developer's QUERN_* variables.
        builder.environment().keySet().removeIf(k -> k.startsWith("QUERN_"));
        return new DaemonProcess(name, builder.start(), log);
    }

    /**
     * Waits for the daemon's {@code quern ROLE ID ready: ...} line and returns it. Fails, with the
     * daemon's output, if the process ends first or the line does not come within {@code timeout}.
     */
    public String awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (readyLine == null) {
            Optional<String> line = output().lines().filter(l -> l.startsWith("quern ") && l.contains(" ready: ")).findFirst();
            if (line.isPresent()) {
                readyLine = line.get();
            } else if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " before it was ready\n" + describe());
            } else if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " printed no ready line within " + timeout.toMillis() + " ms\n" + describe());
            } else {
                Thread.sleep(20);
            }
        }
        return readyLine;
    }

    /** The id in the ready line: {@code e-0000000003}, {@code c-127.0.0.1:41234}, or ZooKeeper's {@code host:port}. */
    public String id() {
        if (readyLine == null) {
            throw new IllegalStateException(name + " is not ready");
        }
        return readyLine.split(" ")[2];
    }

    /** SIGKILL, as a crash or the OOM killer would; returns once the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " (pid " + process.pid() + ") survived SIGKILL for 30 s");
        }
    }

    /** SIGTERM: the daemon's shutdown hook closes it. */
    public void stop() {
        process.destroy();
    }

    /** Waits for the process to end and returns its exit code (143 after SIGTERM, 137 after SIGKILL). */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " still runs after " + timeout.toMillis() + " ms\n" + describe());
        }
        return process.exitValue();
    }

    public String name() { return name; }
    public long pid() { return process.pid(); }
    public boolean isAlive() { return process.isAlive(); }
    public Path log() { return log; }

    public String output() {
        try {
            // Not readString: a line being written may end in half a character.
            return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Name, pid, state and the last lines of the output: what a failure message needs. */
    public String describe() {
        List<String> lines = output().lines().toList();
        String state = process.isAlive() ? "running" : "exited " + process.exitValue();
        return "--- " + name + " (pid " + process.pid() + ", " + state + ", output in " + log + "), last lines:\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
    }
}
