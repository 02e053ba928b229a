package dev.quern.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts {@code mr} daemons as background processes of their own: the same java and classpath as
 * this process, output appended to {@code DIR/logs/NAME.log}, a pid file, and a new session
 * ({@code setsid}, when there is one) so that a Ctrl-C or a closed terminal does not reach them.
 */
final class DaemonLauncher {

    /** A daemon could not start; the message holds the end of its log. */
    static final class StartException extends Exception {
        private static final long serialVersionUID = 1L;

        StartException(String message) {
            super(message);
        }
    }

    record Started(ClusterPlan.Member member, Process process, Path log) {}

    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final int TAIL_LINES = 20;

    private final ClusterLayout layout;
    private final Long exitWith;

    DaemonLauncher(ClusterLayout layout, Long exitWith) {
        this.layout = layout;
        this.exitWith = exitWith;
    }

    Started start(ClusterPlan.Member m) throws IOException {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString()); // it execs java in place: the pid stays java's
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + m.heap());
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(m.args());
        if (exitWith != null) {
            command.add("--exit-with");
            command.add(exitWith.toString());
        }
        Path log = layout.log(m.name());
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        Files.writeString(layout.pidFile(m.name()), p.pid() + "\n", StandardCharsets.US_ASCII);
        return new Started(m, p, log);
    }

    /** Waits for the daemon's {@code quern ROLE ID ready: ...} line (of this run: the log is appended to). */
    String awaitReady(Started s, long deadlineNanos) throws StartException, InterruptedException, IOException {
        String marker = "pid " + s.process().pid();
        while (true) {
            Optional<String> ready = lines(s.log()).stream()
                    .filter(l -> l.startsWith("quern " + s.member().role() + " ") && l.contains(" ready: ") && l.endsWith(marker))
                    .findFirst();
            if (ready.isPresent()) {
                return ready.get();
            }
            if (!s.process().isAlive()) {
                throw new StartException(s.member().name() + " exited with " + s.process().exitValue()
                        + " before it was ready; the end of " + s.log() + ":\n" + tail(s.log()));
            }
            if (System.nanoTime() > deadlineNanos) {
                throw new StartException(s.member().name() + " was not ready in time; the end of " + s.log() + ":\n" + tail(s.log()));
            }
            Thread.sleep(50); // polling a log file: there is nothing to wait on
        }
    }

    private static List<String> lines(Path log) throws IOException {
        return Files.exists(log) ? List.of(new String(Files.readAllBytes(log), StandardCharsets.UTF_8).split("\n")) : List.of();
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = lines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }
}
