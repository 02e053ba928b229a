package dev.quern.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.testing.ProcessCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chaos: through a whole job, an executor picked at random is SIGKILLed and started again every
 * 1.5 to 3.5 seconds (a seeded Random decides which and when); the output must equal the sequential
 * oracle. Each seed also runs the same job once without faults, for the time overhead. The seeds come
 * from {@code -Dchaos.seeds=1,2,3} (default two seeds; bench/chaos runs more and sums up the
 * {@code chaos seed=...} lines this prints).
 */
@Timeout(600)
class ChaosTest {

    private static final Duration SESSION = Duration.ofSeconds(2);
    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(240);
    private static final int EXECUTORS = 3;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void executorsKilledAndRestartedAtRandomThroughAJobLeaveTheOutputRight() throws Exception {
        List<Long> seeds = Arrays.stream(System.getProperty("chaos.seeds", "1,2").split(",")).map(String::trim)
                .map(Long::parseLong).toList();
        try (ProcessCluster cluster = ProcessCluster.builder(dir.resolve("cluster")).executors(EXECUTORS).slotsPerExecutor(2)
                .sessionTimeout(SESSION).start()) {
            run(cluster, 0, "warm-up", null); // untimed: the first job on fresh JVMs is the slowest
            for (long seed : seeds) {
                long clean = run(cluster, seed, "clean", null);
                Random random = new Random(seed);
                AtomicInteger kills = new AtomicInteger();
                long chaos = run(cluster, seed, "chaos", done -> chaos(cluster, random, done, kills));
                assertThat(kills.get()).as("executors killed during the job of seed %d", seed).isGreaterThan(0);
                System.out.printf("chaos seed=%d correct=true clean_ms=%d chaos_ms=%d kills=%d%n", seed, clean, chaos, kills.get());
            }
        }
    }

    /** Runs the job (with {@code faults} beside it until it ends) and checks it; returns its wall time. */
    private long run(ProcessCluster cluster, long seed, String name, Faults faults) throws Exception {
        Path runDir = Files.createDirectories(dir.resolve(name + "-" + seed));
        FaultJob job = new FaultJob(runDir, seed, 640_000, 24 * 1024).set("probe.map.delay-ms", "1000");
        AtomicBoolean done = new AtomicBoolean();
        long start = System.nanoTime();
        job.submit(cluster);
        CompletableFuture<Void> chaos = faults == null ? CompletableFuture.completedFuture(null)
                : CompletableFuture.runAsync(() -> faults.run(done));
        try {
            job.awaitAndCheck(cluster, JOB_TIMEOUT);
            return (System.nanoTime() - start) / 1_000_000;
        } finally {
            done.set(true);
            chaos.get(120, TimeUnit.SECONDS);
        }
    }

    private interface Faults {
        void run(AtomicBoolean done);
    }

    /** Until the job is done: wait 1.5-3.5 s, then kill -9 one executor and start it again. */
    private static void chaos(ProcessCluster cluster, Random random, AtomicBoolean done, AtomicInteger kills) {
        try {
            while (!done.get()) {
                // The fault schedule itself, not a wait for state: the seeded Random picks when.
                long pause = 1500 + random.nextInt(2000);
                int victim = random.nextInt(EXECUTORS);
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pause);
                while (!done.get() && System.nanoTime() < until) {
                    Thread.sleep(20);
                }
                if (!done.get()) {
                    cluster.restartExecutor(victim);
                    kills.incrementAndGet();
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("chaos: cannot restart an executor", e);
        }
    }
}
