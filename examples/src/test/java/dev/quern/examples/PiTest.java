package dev.quern.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quern.proto.JobStatus;
import dev.quern.testing.ClusterFixture;
import dev.quern.testing.Outputs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code pi} on the embedded cluster against the plain loop over the same points. */
class PiTest extends ClusterFixture {

    /** The oracle: the same points, counted in one loop. */
    private static List<String> loop(long samples, long seed) {
        long inside = 0;
        for (long i = 0; i < samples; i++) {
            if (Pi.inside(seed, i)) {
                inside++;
            }
        }
        return samples == 0 ? List.of() : List.of("inside\t" + inside, "samples\t" + samples, "pi\t" + Pi.estimate(inside, samples));
    }

    private static List<String> run(int maps, long samples, long seed) throws Exception {
        Path out = newOutput();
        JobStatus end = runOk(Pi.job(maps, samples, seed, out));
        assertThat(end.getProgress().getMapsTotal()).isEqualTo((int) Math.min(maps, samples));
        return Outputs.parts(out, 1).get(0);
    }

    @Test
    void theEstimateIsTheLoopsWhateverTheNumberOfMaps() throws Exception {
        List<String> expected = loop(200_003, 42);
        assertThat(run(4, 200_003, 42)).isEqualTo(expected);
        assertThat(run(1, 200_003, 42)).isEqualTo(expected);
        double pi = Double.parseDouble(expected.get(2).substring(3));
        assertThat(pi).isCloseTo(Math.PI, org.assertj.core.data.Offset.offset(0.02)); // ~5 standard deviations
        assertThat(run(3, 1000, 7)).isEqualTo(loop(1000, 7)).isNotEqualTo(loop(1000, 42));
    }

    @Test
    void moreMapsThanSamplesAndNoSamples() throws Exception {
        assertThat(run(8, 3, 42)).isEqualTo(loop(3, 42));
        assertThat(run(4, 0, 42)).as("no samples, no estimate").isEmpty();
    }

    @Test
    void badArgumentsNameTheValueAndTheUsage() {
        assertThatThrownBy(() -> new Pi().plan(List.of("0", "10", "out"), 1)).hasMessageContaining("MAPS must be >= 1")
                .hasMessageContaining(Pi.USAGE);
        assertThatThrownBy(() -> new Pi().plan(List.of("2", "lots", "out"), 1)).hasMessageContaining("'lots'");
        assertThat(new Pi().plan(List.of("--seed", "5", "2", "1k", "out"), 1).steps().get(0).job().inputs().get(0).count()).isEqualTo(1000);
    }
}
