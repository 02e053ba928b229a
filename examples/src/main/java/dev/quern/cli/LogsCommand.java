package dev.quern.cli;

import dev.quern.client.TaskLogReader;
import dev.quern.proto.AttemptLog;
import dev.quern.proto.ExecutorInfo;
import dev.quern.wire.QuernException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mr logs JOBID [TASK]}: the attempt logs of a job, read from every live executor's shuffle
 * port (the executors are listed in ZooKeeper; each keeps the logs of the attempts it ran).
 */
@Command(name = "logs", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Print the logs of a job's task attempts: what the Mapper or Reducer printed to System.out or "
                + "System.err, and the stack trace of a failed attempt. Each log is headed by its attempt and executor. "
                + "Only live executors are asked: one that has left takes its logs with it.",
                "Exit: 0 printed, 1 no log found or the cluster cannot be reached."})
final class LogsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ClientOptions cluster;

    @Parameters(index = "0", paramLabel = "JOBID", description = "a job id, as mr submit or mr jobs print it")
    private String jobId;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TASK",
            description = "only this task's attempts (m-00003, r-00000) or this one attempt (m-00003.e1.2)")
    private String task;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        List<ExecutorInfo> executors;
        try (ClusterClient c = ClusterClient.connect(cluster)) {
            executors = c.executors();
        } catch (ClusterClient.UnreachableException e) {
            err.println("mr logs: " + e.getMessage());
            return 1;
        }
        // Raw bytes, as the attempt wrote them: through the writer's stream, not re-encoded.
        PrintWriter out = spec.commandLine().getOut();
        PrintStream bytes = new PrintStream(new WriterStream(out), false, java.nio.charset.StandardCharsets.UTF_8);
        int found = 0;
        for (ExecutorInfo e : executors) {
            try (TaskLogReader reader = new TaskLogReader(e.getHost(), e.getShufflePort(), cluster.timeout())) {
                for (AttemptLog log : reader.list(jobId)) {
                    if (task != null && !matches(log.getAttemptId(), task)) {
                        continue;
                    }
                    found++;
                    bytes.printf("==> %s %s on %s (%s) <==%n", jobId, log.getAttemptId(), e.getExecutorId(), e.getHost());
                    reader.copy(jobId, log.getAttemptId(), bytes);
                    bytes.flush();
                }
            } catch (IOException | QuernException ex) {
                err.println("mr logs: executor " + e.getExecutorId() + ": " + ex.getMessage());
            }
        }
        out.flush();
        if (found == 0) {
            err.println("mr logs: no logs of job " + jobId + Optional.ofNullable(task).map(t -> " task " + t).orElse("")
                    + " on the " + executors.size() + " live executor(s)");
            return 1;
        }
        return 0;
    }

    /** An attempt id is TASK.N (or TASK.more.N): a task id names all its attempts, an attempt id one. */
    static boolean matches(String attemptId, String task) {
        return attemptId.equals(task) || attemptId.startsWith(task + ".");
    }

    /** Bytes to the command's writer (tests capture it), as UTF-8 text. */
    private static final class WriterStream extends java.io.OutputStream {
        private final PrintWriter out;
        private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();

        WriterStream(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void write(int b) {
            pending.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            pending.write(b, off, len);
        }

        @Override
        public void flush() {
            out.write(pending.toString(java.nio.charset.StandardCharsets.UTF_8));
            out.flush();
            pending.reset();
        }
    }
}
