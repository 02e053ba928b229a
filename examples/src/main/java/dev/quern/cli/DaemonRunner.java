package dev.quern.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Runs one daemon as the life of this process:
 *
 * <pre>
 *  settings (flags > env > file) --bad--> message on stderr, exit 2
 *      |
 *  logs to stdout (and a file: --log-dir, or the daemon's default), start() (ZooKeeper within --zk-timeout) --fails--> message on stderr, close(), exit 1
 *      |
 *  "quern ROLE ID ready: ..." on stdout
 *      |
 *  run until SIGTERM/SIGINT (or until the --exit-with process ends): the shutdown hook calls close()
 * </pre>
 */
final class DaemonRunner {

    /** A daemon as a command builds it from its settings: nothing runs until {@link #start()}. */
    interface Daemon extends AutoCloseable {
        /** Starts the daemon; returns the rest of its ready line, {@code "ID ready: DETAILS"}. */
        String start() throws Exception;

        /** Where the daemon logs besides stdout when no --log-dir is given. */
        default Optional<Path> defaultLogFile() {
            return Optional.empty();
        }
    }

    interface Factory {
        Daemon create(DaemonSettings settings);
    }

    private DaemonRunner() {}

    static int run(CommandSpec spec, String role, Factory factory) {
        PrintWriter err = spec.commandLine().getErr();
        DaemonSettings settings = new DaemonSettings(flags(spec), System.getenv(), settingNames(spec));
        Optional<Integer> exitWith = DaemonOptions.exitWith(settings);
        Daemon daemon = factory.create(settings);
        Optional<Path> logFile = DaemonOptions.logFile(settings, role, daemon.defaultLogFile());
        try {
            settings.check();
        } catch (IllegalArgumentException e) {
            err.println("mr " + role + ": " + e.getMessage());
            err.flush();
            return 2;
        }
        logToStdout(logFile);
        exitWith.ifPresent(pid -> watch(role, pid));
        // Before start(): a SIGTERM while starting closes what has started (close() is idempotent).
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closeQuietly(daemon);
            closed.countDown();
        }, "quern-shutdown"));
        try {
            String ready = daemon.start();
            PrintWriter out = spec.commandLine().getOut();
            out.println("quern " + role + " " + ready);
            out.flush();
            closed.await();
            return 0;
        } catch (Exception e) {
            err.println("mr " + role + ": " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            err.flush();
            closeQuietly(daemon);
            return 1;
        }
    }

    /** The flags given on the command line, by setting name: {@code --work-dir x} is {@code work-dir=x}. */
    private static Map<String, String> flags(CommandSpec spec) {
        Map<String, String> flags = new HashMap<>();
        for (OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
            if (!o.usageHelp() && !o.versionHelp()) {
                flags.put(settingName(o), String.valueOf(o.<Object>getValue()));
            }
        }
        return flags;
    }

    private static List<String> settingNames(CommandSpec spec) {
        return spec.options().stream().filter(o -> !o.usageHelp() && !o.versionHelp()).map(DaemonRunner::settingName).toList();
    }

    private static String settingName(OptionSpec o) {
        return o.longestName().replaceFirst("^--", "");
    }

    /** A supervisor (a test harness) that dies, even by SIGKILL, takes this daemon with it. */
    private static void watch(String role, int pid) {
        ProcessHandle.of(pid).ifPresentOrElse(
                p -> p.onExit().thenRun(() -> exit(role + ": process " + pid + " (--exit-with) ended; stopping")),
                () -> exit(role + ": process " + pid + " (--exit-with) is not running; stopping"));
    }

    private static void exit(String message) {
        System.out.println(message);
        System.exit(1);
    }

    /**
     * The CLI logs warnings on stderr ({@link dev.quern.cli.logging.CliLogConfigurator}). A daemon's log is its
     * output, so it goes to stdout at INFO ({@code logback-daemon.xml}).
     */
    private static void logToStdout(Optional<Path> logFile) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.reset();
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            try {
                configurator.doConfigure(DaemonRunner.class.getResource("/logback-daemon.xml"));
            } catch (JoranException e) {
                System.err.println("mr: cannot configure logging from logback-daemon.xml: " + e);
            }
            logFile.ifPresent(file -> logToFile(context, file));
        }
    }

    /** The same lines as stdout, appended to {@code file}: a daemon's log survives its terminal or container. */
    private static void logToFile(LoggerContext context, Path file) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("FILE");
        appender.setFile(file.toAbsolutePath().toString());
        appender.setAppend(true);
        appender.setEncoder(encoder);
        appender.start();
        if (!appender.isStarted()) {
            System.err.println("mr: cannot log to " + file.toAbsolutePath() + "; logging to stdout only");
            return;
        }
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    }

    private static void closeQuietly(Daemon daemon) {
        try {
            daemon.close();
        } catch (Exception e) {
            System.err.println("mr: closing the daemon failed: " + e);
        }
    }
}
