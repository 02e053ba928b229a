package dev.quern.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.api.HashPartitioner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** Reads and checks a job's output directory against the output contract. */
public final class Outputs {

    private Outputs() {}

    /** The lines of {@code part-r-00000} .. {@code part-r-(R-1)}, after checking nothing else is there. */
    public static List<List<String>> parts(Path out, int reducers) throws IOException {
        List<String> expected = new ArrayList<>();
        for (int r = 0; r < reducers; r++) {
            expected.add(String.format("part-r-%05d", r));
        }
        expected.add("_SUCCESS");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(expected);
        }
        List<List<String>> parts = new ArrayList<>();
        for (int r = 0; r < reducers; r++) {
            parts.add(Files.readAllLines(out.resolve(expected.get(r)), StandardCharsets.UTF_8));
        }
        return parts;
    }

    /** Every part is sorted by key (UTF-8 byte order) and holds only keys that hash to it. */
    public static void assertSortedAndPartitioned(List<List<String>> parts) {
        HashPartitioner partitioner = new HashPartitioner();
        for (int r = 0; r < parts.size(); r++) {
            byte[] previous = null;
            for (String line : parts.get(r)) {
                byte[] key = line.substring(0, line.indexOf('\t')).getBytes(StandardCharsets.UTF_8);
                assertThat(partitioner.partition(key, 0, key.length, parts.size()))
                        .as("partition of key '%s' in part %d", line, r).isEqualTo(r);
                if (previous != null) {
                    assertThat(Arrays.compareUnsigned(previous, key)).as("order at '%s' in part %d", line, r).isLessThan(0);
                }
                previous = key;
            }
        }
    }
}
