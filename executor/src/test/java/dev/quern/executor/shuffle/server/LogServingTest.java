package dev.quern.executor.shuffle.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quern.client.TaskLogReader;
import dev.quern.executor.logs.AttemptLogs;
import dev.quern.executor.shuffle.NettyLeakCheck;
import dev.quern.executor.spill.MapOutputRegistry;
import dev.quern.proto.AttemptLog;
import dev.quern.proto.Error;
import dev.quern.wire.QuernException;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code mr logs}' side of the shuffle port: a real server, read with {@link TaskLogReader}. */
@Timeout(60)
@ExtendWith(NettyLeakCheck.class)
class LogServingTest {

    @TempDir
    Path work;

    private ShuffleServer server;
    private int port;
    private String big;

    @BeforeEach
    void start() throws Exception {
        AttemptLogs logs = new AttemptLogs(work);
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 200_000; i++) {
            text.append("line ").append(i).append(" é日本\n"); // multi-byte characters across chunk edges
        }
        big = text.toString();
        try (OutputStream out = logs.create("job-0000000004", "m-00001.1")) {
            out.write(big.getBytes(StandardCharsets.UTF_8));
        }
        try (OutputStream out = logs.create("job-0000000004", "r-00000.2")) {
            out.write("reduce says hi\n".getBytes(StandardCharsets.UTF_8));
        }
        server = new ShuffleServer(new MapOutputRegistry(), logs, "127.0.0.1", 0);
        port = server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aClientListsTheLogsAndCopiesEachWholeOverOneConnection() throws Exception {
        try (TaskLogReader reader = new TaskLogReader("127.0.0.1", port, Duration.ofSeconds(10))) {
            assertThat(reader.list("job-0000000004")).extracting(AttemptLog::getAttemptId).containsExactly("m-00001.1", "r-00000.2");
            assertThat(reader.list("job-0000000005")).isEmpty();
            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            assertThat(reader.copy("job-0000000004", "m-00001.1", copy)).isEqualTo(big.getBytes(StandardCharsets.UTF_8).length);
            assertThat(copy.toString(StandardCharsets.UTF_8)).isEqualTo(big);
            ByteArrayOutputStream small = new ByteArrayOutputStream();
            reader.copy("job-0000000004", "r-00000.2", small);
            assertThat(small.toString(StandardCharsets.UTF_8)).isEqualTo("reduce says hi\n");
        }
    }

    @Test
    void unknownAttemptsAndBadIdsAreErrorsThatNameThem() throws Exception {
        try (TaskLogReader reader = new TaskLogReader("127.0.0.1", port, Duration.ofSeconds(10))) {
            assertThatThrownBy(() -> reader.copy("job-0000000004", "m-00009.1", OutputStream.nullOutputStream()))
                    .isInstanceOfSatisfying(QuernException.class, e -> assertThat(e.error().getCode()).isEqualTo(Error.Code.NOT_FOUND))
                    .hasMessageContaining("no log of attempt m-00009.1 of job job-0000000004");
            assertThatThrownBy(() -> reader.list("../etc"))
                    .isInstanceOfSatisfying(QuernException.class, e -> assertThat(e.error().getCode()).isEqualTo(Error.Code.INVALID_ARGUMENT))
                    .hasMessageContaining("not a valid job id: '../etc'");
            // The connection stays usable after an error answer.
            assertThat(reader.list("job-0000000004")).hasSize(2);
        }
    }

    @Test
    void anUnreachableExecutorIsAnErrorNamingIt() {
        assertThatThrownBy(() -> new TaskLogReader("127.0.0.1", 1, Duration.ofSeconds(2)))
                .hasMessageContaining("cannot reach executor 127.0.0.1:1");
    }
}
