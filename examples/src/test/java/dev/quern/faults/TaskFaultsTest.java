package dev.quern.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.job.FaultOptions;
import dev.quern.proto.JobStatus;
import dev.quern.testing.ProcessCluster;
import dev.quern.testing.Wait;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Task-level faults on a cluster of real processes: a healthy job runs every task once; a slow
 * executor's maps get backups; a corrupt map output is caught by its CRC and the map rerun; a hung
 * attempt is timed out. Each output is compared with the sequential oracle.
 */
@Timeout(180)
class TaskFaultsTest {

    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(120);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private ProcessCluster cluster() throws Exception {
        // A long session: on a loaded machine a short one can expire, and a lost executor is not what these test.
        return ProcessCluster.builder(dir.resolve("cluster")).executors(3).slotsPerExecutor(2)
                .sessionTimeout(Duration.ofSeconds(15)).start();
    }

    @Test
    void aHealthyClusterRunsEveryMapAndReduceExactlyOnce() throws Exception {
        try (ProcessCluster cluster = cluster()) {
            FaultJob job = new FaultJob(dir, 4, 320_000, 24 * 1024).submit(cluster);
            JobStatus end = job.awaitAndCheck(cluster, JOB_TIMEOUT);
            int tasks = end.getProgress().getMapsTotal() + FaultJob.REDUCERS;
            assertThat(end.getProgress().getMapsTotal()).isGreaterThan(10);
            assertThat(job.attemptsPerTask()).as("attempts per task").hasSize(tasks).allSatisfy((task, n) -> assertThat(n).isEqualTo(1));
        }
    }

    @Test
    void aSlowExecutorsMapsGetBackupsAndTheJobFinishesSooner() throws Exception {
        try (ProcessCluster cluster = cluster()) {
            Path slowPids = Files.writeString(dir.resolve("slow-pids"), cluster.executor(0).pid() + "\n");
            long[] millis = new long[2];
            for (boolean speculate : List.of(true, false)) {
                Path runDir = Files.createDirectories(dir.resolve("speculation-" + speculate));
                FaultJob job = new FaultJob(runDir, 5, 320_000, 24 * 1024).set("probe.slow.pids", slowPids.toString())
                        .set("probe.slow.delay-ms", "15000").set(FaultOptions.SPECULATION, Boolean.toString(speculate));
                long start = System.nanoTime();
                job.submit(cluster).awaitAndCheck(cluster, JOB_TIMEOUT);
                millis[speculate ? 0 : 1] = (System.nanoTime() - start) / 1_000_000;
                long backedUp = job.attemptsPerTask().values().stream().filter(n -> n > 1).count();
                if (speculate) {
                    assertThat(backedUp).as("tasks with a backup attempt").isGreaterThan(0);
                } else {
                    assertThat(backedUp).as("no backups when the job turns speculation off").isZero();
                }
            }
            System.out.printf("speculation: slow executor (15 s per map): %d ms with speculation, %d ms without%n",
                    millis[0], millis[1]);
        }
    }

    @Test
    void aCorruptMapOutputIsCaughtByItsCrcAndTheMapRerun() throws Exception {
        try (ProcessCluster cluster = cluster()) {
            Path gate = dir.resolve("map-gate");
            // Every map but m-00000 waits at the gate, and reduces wait for every map: m-00000's output
            // sits on disk, unfetched, until the test has damaged it.
            FaultJob job = new FaultJob(dir, 6, 320_000, 24 * 1024).set("probe.map.gate", gate.toString())
                    .set("quern.reduce.slowstart", "1").submit(cluster);
            Wait.until("map m-00000 to finish", Duration.ofSeconds(60), () -> job.status().getProgress().getMapsDone() == 1);
            String attempt = job.attemptsOf("m-00000").get(0);
            Path data = mapOutputData(dir.resolve("cluster"), job.status().getJobId(), attempt);
            flipByte(data, Files.size(data) / 2);
            Files.createFile(gate);
            job.awaitAndCheck(cluster, JOB_TIMEOUT);
            assertThat(job.attemptsOf("m-00000")).as("the corrupt output's map ran again").hasSize(2);
            String coordinatorLog = cluster.coordinator(0).output();
            assertThat(coordinatorLog).contains("cannot fetch map attempt " + attempt + " (CORRUPT");
        }
    }

    @Test
    void aHungAttemptIsKilledAfterTheProgressTimeout() throws Exception {
        try (ProcessCluster cluster = cluster()) {
            // No speculation: a backup of the hung map would end it before its timeout does.
            FaultJob job = new FaultJob(dir, 7, 160_000, 24 * 1024).set("probe.hang.map", "m-00000")
                    .set(FaultOptions.TASK_TIMEOUT, "5000").set(FaultOptions.SPECULATION, "false").submit(cluster);
            job.awaitAndCheck(cluster, JOB_TIMEOUT);
            assertThat(job.attemptsOf("m-00000")).as("the hung first attempt, then one that ran").hasSize(2);
            assertThat(cluster.coordinator(0).output()).contains("made no progress for 5000 ms");
        }
    }

    @Test
    void aFrozenExecutorsAttemptsTimeOutAndAfterThreeTasksItIsExcluded() throws Exception {
        // The session outlives the job: ZooKeeper never notices the frozen JVM; only the timeouts can.
        try (ProcessCluster cluster = ProcessCluster.builder(dir.resolve("cluster")).executors(3).slotsPerExecutor(2)
                .sessionTimeout(Duration.ofSeconds(60)).start()) {
            FaultJob job = new FaultJob(dir, 8, 320_000, 24 * 1024).set("probe.map.delay-ms", "2000")
                    .set(FaultOptions.TASK_TIMEOUT, "4000").set(FaultOptions.SPECULATION, "false");
            long frozen = cluster.executor(0).pid();
            job.submit(cluster);
            Wait.until("a map attempt on executor 0", Duration.ofSeconds(60), () -> job.attempts().containsValue(frozen));
            signal("STOP", frozen); // alive, connected, silent: a hung machine
            try {
                job.awaitAndCheck(cluster, JOB_TIMEOUT);
            } finally {
                signal("CONT", frozen);
            }
            String log = cluster.coordinator(0).output();
            assertThat(log).contains("made no progress for 4000 ms")
                    .contains("3 tasks failed on executor " + cluster.executorId(0) + ": it gets no more attempts of the job");
        }
    }

    private static void signal(String name, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -%s %d", name, pid).isZero();
    }

    /** The data file of a map attempt's output, in whichever executor's work directory it is. */
    private static Path mapOutputData(Path clusterDir, String jobId, String attempt) throws Exception {
        try (Stream<Path> files = Files.walk(clusterDir)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().endsWith(".data")
                    && f.getParent().getFileName().toString().equals(attempt)
                    && f.getParent().getParent().getFileName().toString().equals(jobId)).toList();
            assertThat(found).as("the map output data file of %s", attempt).hasSize(1);
            return found.get(0);
        }
    }

    private static void flipByte(Path file, long position) throws Exception {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, position);
            b.put(0, (byte) (b.get(0) ^ 0x5a)).rewind();
            ch.write(b, position);
        }
    }
}
