package dev.quern.executor.logs;

import static java.util.Objects.requireNonNull;

import dev.quern.io.FileTrees;
import dev.quern.proto.AttemptLog;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The attempt logs of one executor, under {@code WORK/logs} (layout in the package documentation). */
public final class AttemptLogs {

    /** An attempt that prints more is cut here, so a chatty mapper cannot fill the executor's disk. */
    public static final long MAX_LOG_BYTES = 16L * 1024 * 1024;
    /** Jobs whose logs are kept; the oldest go when a new job's first attempt starts. */
    public static final int JOBS_KEPT = 50;
    /** The most a read returns, so that a response stays inside one shuffle frame. */
    public static final int MAX_CHUNK = 32 * 1024;

    // Ids come off the wire: only these may name a file.
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final String SUFFIX = ".log";

    private final Path dir;
    private final long maxBytes;

    public AttemptLogs(Path workDir) {
        this(workDir, MAX_LOG_BYTES);
    }

    /** @param maxBytes where each attempt's log is cut (tests use a small one) */
    public AttemptLogs(Path workDir, long maxBytes) {
        this.dir = requireNonNull(workDir, "workDir is null").resolve("logs");
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be >= 1, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** Creates the attempt's log, empty, and returns a stream to it that stops at the cap. */
    public OutputStream create(String jobId, String attemptId) throws IOException {
        Path jobDir = dir.resolve(checked("job id", jobId));
        if (!Files.isDirectory(jobDir)) {
            Files.createDirectories(jobDir);
            prune();
        }
        Path file = jobDir.resolve(checked("attempt id", attemptId) + SUFFIX);
        return new Capped(Files.newOutputStream(file), maxBytes);
    }

    /** The job's attempt logs on this executor, by attempt id. */
    public List<AttemptLog> list(String jobId) throws IOException {
        Path jobDir = dir.resolve(checked("job id", jobId));
        if (!Files.isDirectory(jobDir)) {
            return List.of();
        }
        List<AttemptLog> logs = new ArrayList<>();
        try (Stream<Path> files = Files.list(jobDir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(SUFFIX)) {
                    logs.add(AttemptLog.newBuilder().setAttemptId(name.substring(0, name.length() - SUFFIX.length()))
                            .setSize(Files.size(f)).build());
                }
            }
        }
        return logs;
    }

    /** Up to {@code max} (at most {@link #MAX_CHUNK}) bytes of the log from {@code offset}; empty at its end. */
    public byte[] read(String jobId, String attemptId, long offset, int max) throws IOException {
        Path file = dir.resolve(checked("job id", jobId)).resolve(checked("attempt id", attemptId) + SUFFIX);
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, got " + offset);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            int n = (int) Math.max(0, Math.min(Math.min(max <= 0 ? MAX_CHUNK : max, MAX_CHUNK), ch.size() - offset));
            ByteBuffer buf = ByteBuffer.allocate(n);
            while (buf.hasRemaining() && ch.read(buf, offset + buf.position()) > 0) {
                // read until full: the file only grows
            }
            return buf.position() == n ? buf.array() : Arrays.copyOf(buf.array(), buf.position());
        }
    }

    private void prune() throws IOException {
        try (Stream<Path> jobs = Files.list(dir)) {
            List<Path> all = jobs.filter(Files::isDirectory).sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
            for (int i = 0; i < all.size() - JOBS_KEPT; i++) {
                FileTrees.delete(all.get(i)); // job ids sort in submit order (job-NNNNNNNNNN)
            }
        }
    }

    private static String checked(String what, String id) {
        if (!ID.matcher(id).matches() || id.contains("..")) {
            throw new IllegalArgumentException("not a valid " + what + ": '" + id + "'");
        }
        return id;
    }

    /** Writes through until the cap, then one line saying the rest was dropped. */
    private static final class Capped extends FilterOutputStream {
        private final long cap;
        private long written;

        Capped(OutputStream out, long cap) {
            super(out);
            this.cap = cap;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            if (written >= cap) {
                return;
            }
            int n = (int) Math.min(len, cap - written);
            out.write(b, off, n);
            written += n;
            if (written >= cap) {
                out.write(("\n[quern: log cut at " + cap + " bytes]\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }
    }
}
