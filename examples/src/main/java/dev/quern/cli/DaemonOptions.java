package dev.quern.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options of every daemon command. Options are declared as strings: {@link DaemonRunner} reads
 * them through the parse result into {@link DaemonSettings}, so flags, environment and config file go
 * through one parser with one kind of error message.
 */
final class DaemonOptions {

    static final String FOOTER = "%nEvery --name setting may instead be given as the environment variable QUERN_NAME "
            + "(upper case, dashes become underscores: --work-dir is QUERN_WORK_DIR) or as name=value in the "
            + "--config file. A flag wins over the environment, the environment over the file.%n"
            + "Durations: 500ms, 15s, 2m, 1h. Exit: 2 bad settings, 1 could not start; a running daemon stops "
            + "cleanly on SIGTERM or SIGINT.";

    @Option(names = "--config", paramLabel = "FILE", description = "a properties file of settings (name=value)")
    String config;

    @Option(names = "--exit-with", paramLabel = "PID",
            description = "stop when process PID ends, however it ends (for supervisors and test harnesses)")
    String exitWith;

    @Option(names = "--log-dir", paramLabel = "DIR",
            description = "also write the log to DIR/ROLE-HOST-PID.log (an executor with --work-dir writes WORK/executor.log without it)")
    String logDir;

    /** The daemon's log file: in --log-dir if given, else the daemon's own default (if any). */
    static Optional<Path> logFile(DaemonSettings settings, String role, Optional<Path> byDefault) {
        return settings.optional("log-dir").map(d -> Path.of(d).resolve(role + "-" + hostName() + "-"
                + ProcessHandle.current().pid() + ".log")).or(() -> byDefault);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    static Optional<Integer> exitWith(DaemonSettings settings) {
        int pid = settings.integer("exit-with", 0, 1, Integer.MAX_VALUE);
        return pid == 0 ? Optional.empty() : Optional.of(pid);
    }
}
