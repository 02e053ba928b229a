package dev.quern.executor.logs;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.Optional;

/**
 * Routes {@code System.out} and {@code System.err} by thread: bytes written on a thread bound to an
 * attempt go to that attempt's log, all others to the process's own stream. Installed once per JVM
 * (several executors may share one, as in {@code LocalCluster}); binding is per thread, so the
 * attempts of one executor, running at once on its slot threads, never mix.
 *
 * <p>Threads the user's code starts itself are not bound: what they print goes to the daemon's stdout.
 */
public final class AttemptOutput {

    private static final ThreadLocal<OutputStream> BOUND = new ThreadLocal<>();
    private static PrintStream processOut; // guarded by AttemptOutput.class
    private static PrintStream processErr;

    private AttemptOutput() {}

    /** Replaces System.out and System.err by routing streams, once; later calls do nothing. */
    public static synchronized void install() {
        if (processOut != null) {
            return;
        }
        processOut = System.out;
        processErr = System.err;
        System.setOut(new PrintStream(new Router(processOut), true, Charset.defaultCharset()));
        System.setErr(new PrintStream(new Router(processErr), true, Charset.defaultCharset()));
    }

    /** The process's real stdout, for the daemon's own log appender; System.out before {@link #install()}. */
    public static synchronized PrintStream processOut() {
        return processOut != null ? processOut : System.out;
    }

    /** From now on, what this thread prints goes to {@code log}. */
    public static void bind(OutputStream log) {
        BOUND.set(log);
    }

    public static void unbind() {
        BOUND.remove();
    }

    /** The log this thread is bound to, if any. */
    public static Optional<OutputStream> current() {
        return Optional.ofNullable(BOUND.get());
    }

    private static final class Router extends OutputStream {
        private final OutputStream fallback;

        Router(OutputStream fallback) {
            this.fallback = fallback;
        }

        private OutputStream target() {
            OutputStream bound = BOUND.get();
            return bound != null ? bound : fallback;
        }

        @Override
        public void write(int b) throws IOException {
            target().write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            target().write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            target().flush();
        }
    }
}
