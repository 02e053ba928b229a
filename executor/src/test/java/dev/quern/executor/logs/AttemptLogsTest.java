package dev.quern.executor.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quern.proto.AttemptLog;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class AttemptLogsTest {

    @TempDir
    Path work;

    @Test
    void anAttemptsLogIsListedAndReadBackInBoundedChunks() throws Exception {
        AttemptLogs logs = new AttemptLogs(work);
        byte[] text = new byte[100_000];
        new Random(5).nextBytes(text);
        try (OutputStream out = logs.create("job-0000000001", "m-00002.1")) {
            out.write(text);
        }
        logs.create("job-0000000001", "r-00000.1").close();
        assertThat(logs.list("job-0000000001")).extracting(AttemptLog::getAttemptId, AttemptLog::getSize)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("m-00002.1", 100_000L), org.assertj.core.groups.Tuple.tuple("r-00000.1", 0L));
        assertThat(logs.list("job-0000000009")).isEmpty();

        ByteArrayOutputStream back = new ByteArrayOutputStream();
        long offset = 0;
        int chunks = 0;
        for (byte[] chunk; (chunk = logs.read("job-0000000001", "m-00002.1", offset, Integer.MAX_VALUE)).length > 0; chunks++) {
            assertThat(chunk.length).isLessThanOrEqualTo(AttemptLogs.MAX_CHUNK);
            back.write(chunk);
            offset += chunk.length;
        }
        assertThat(back.toByteArray()).isEqualTo(text);
        assertThat(chunks).isEqualTo((100_000 + AttemptLogs.MAX_CHUNK - 1) / AttemptLogs.MAX_CHUNK);
        assertThat(logs.read("job-0000000001", "m-00002.1", 99_990, 4)).isEqualTo(java.util.Arrays.copyOfRange(text, 99_990, 99_994));
    }

    @Test
    void aChattyAttemptIsCutAtTheCapWithALineSayingSo() throws Exception {
        AttemptLogs logs = new AttemptLogs(work, 1000);
        try (PrintStream out = new PrintStream(logs.create("job-1", "m-00000.1"), true, StandardCharsets.UTF_8)) {
            for (int i = 0; i < 500; i++) {
                out.println("line " + i);
            }
        }
        String log = Files.readString(work.resolve("logs/job-1/m-00000.1.log"));
        assertThat(log).startsWith("line 0\nline 1\n").endsWith("\n[quern: log cut at 1000 bytes]\n").doesNotContain("line 499");
        assertThat(log.length()).isEqualTo(1000 + "\n[quern: log cut at 1000 bytes]\n".length());
    }

    @Test
    void idsFromTheWireCannotNameFilesOutsideTheLogs() throws Exception {
        AttemptLogs logs = new AttemptLogs(work);
        assertThatThrownBy(() -> logs.read("..", "x", 0, 10)).isInstanceOf(IllegalArgumentException.class).hasMessage("not a valid job id: '..'");
        assertThatThrownBy(() -> logs.read("job-1", "../../etc/passwd", 0, 10)).hasMessageContaining("not a valid attempt id");
        assertThatThrownBy(() -> logs.list("a/b")).hasMessageContaining("not a valid job id: 'a/b'");
        assertThatThrownBy(() -> logs.read("job-1", "m-00000.1", 0, 10)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void onlyTheLastJobsLogsAreKept() throws Exception {
        AttemptLogs logs = new AttemptLogs(work);
        for (int j = 0; j < AttemptLogs.JOBS_KEPT + 3; j++) {
            logs.create(String.format("job-%010d", j), "m-00000.1").close();
        }
        assertThat(logs.list(String.format("job-%010d", 2))).isEmpty();
        assertThat(logs.list(String.format("job-%010d", 3))).hasSize(1);
        assertThat(logs.list(String.format("job-%010d", AttemptLogs.JOBS_KEPT + 2))).hasSize(1);
    }

    @Test
    void systemOutIsRoutedByThreadToTheBoundLog() throws Exception {
        AttemptOutput.install();
        AttemptLogs logs = new AttemptLogs(work);
        CountDownLatch bothBound = new CountDownLatch(2);
        Thread[] threads = new Thread[2];
        for (int t = 0; t < 2; t++) {
            String attempt = "m-0000" + t + ".1";
            OutputStream log = logs.create("job-7", attempt);
            threads[t] = new Thread(() -> {
                AttemptOutput.bind(log);
                try {
                    bothBound.countDown();
                    bothBound.await();
                    for (int i = 0; i < 200; i++) {
                        System.out.println("out of " + attempt + " " + i);
                        System.err.println("err of " + attempt + " " + i);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    AttemptOutput.unbind();
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        for (int t = 0; t < 2; t++) {
            String attempt = "m-0000" + t + ".1";
            String log = Files.readString(work.resolve("logs/job-7/" + attempt + ".log"));
            assertThat(log.lines()).hasSize(400).allMatch(l -> l.contains(" of " + attempt + " "));
        }
        assertThat(AttemptOutput.current()).isEmpty();
        assertThat(AttemptOutput.processOut()).isNotSameAs(System.out);
    }
}
