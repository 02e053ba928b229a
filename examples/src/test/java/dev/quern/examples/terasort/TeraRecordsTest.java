package dev.quern.examples.terasort;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeraRecordsTest {

    @TempDir
    Path dir;

    /** Row i's random numbers are the (2i+1)-th and (2i+2)-th of one SplittableRandom, as bench/gen draws them. */
    @Test
    void rowsDrawTheSameNumbersAsOneSequentialSplittableRandom() {
        for (long seed : new long[] {42, 0, -1, 123456789}) {
            SplittableRandom sequential = new SplittableRandom(seed);
            byte[] rec = new byte[100];
            for (long i = 0; i < 1000; i++) {
                long hi = sequential.nextLong();
                long lo = sequential.nextLong();
                TeraRecords.row(seed, i, rec);
                assertThat(java.nio.ByteBuffer.wrap(rec).getLong()).isEqualTo(hi);
                assertThat(rec[8]).isEqualTo((byte) (lo >>> 56));
                assertThat(rec[9]).isEqualTo((byte) (lo >>> 48));
            }
        }
    }

    /** The bench generator itself, run as a user runs it: the same bytes, row for row. */
    @Test
    void rowsAreTheBytesOfBenchGen() throws Exception {
        Path out = dir.resolve("bench.bin");
        runBenchGen(dir, "--rows", "777", "--seed", "5", "--out", out.toString());

        assertThat(Files.readAllBytes(out)).isEqualTo(TeraData.concat(TeraData.rows(5, 0, 777)));
    }

    /** Runs {@code bench/gen.sh ARGS} with its classes compiled into {@code work}. */
    static void runBenchGen(Path work, String... args) throws IOException, InterruptedException {
        Path root = Path.of("").toAbsolutePath().getParent(); // tests run in examples/
        String[] command = new String[args.length + 2];
        command[0] = root.resolve("bench/gen.sh").toString();
        command[1] = "TeraGen";
        System.arraycopy(args, 0, command, 2, args.length);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("gen.log").toFile());
        pb.environment().put("QUERN_BENCH_CLASSES", work.resolve("gen-classes").toString());
        Process p = pb.start();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("bench/gen.sh finished").isTrue();
        assertThat(p.exitValue()).as(Files.readString(work.resolve("gen.log"))).isZero();
    }
}
