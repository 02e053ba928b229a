package dev.quern.coordinator.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quern.proto.Split;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Packing small whole files into combined splits, on splits as the splitters make them. */
class SmallFileCombinerTest {

    private static Split split(String path, long start, long length) {
        return Split.newBuilder().setPath(path).setStart(start).setLength(length).setInputIndex(1).build();
    }

    /** Each split as "path" (a plain split) or "[a b c]" (a combined one). */
    private static List<String> shape(List<Split> splits) {
        List<String> shape = new ArrayList<>();
        for (Split s : splits) {
            shape.add(s.getFilesCount() == 0 ? s.getPath() + "@" + s.getStart()
                    : s.getFilesList().stream().map(Split::getPath).toList().toString());
        }
        return shape;
    }

    @Test
    void packsRunsOfSmallFilesUpToTheTargetAndKeepsTheOrder() {
        List<Split> in = List.of(split("/a", 0, 40), split("/b", 0, 40), split("/c", 0, 30),
                split("/big", 0, 100), split("/big", 100, 60),        // two splits: not a small file
                split("/d", 0, 99), split("/e", 0, 100),               // 99 fits alone; 100 is not smaller than the target
                split("/f", 0, 10), split("/g", 0, 10));
        List<Split> out = SmallFileCombiner.combine(in, 100);
        assertThat(shape(out)).containsExactly("[/a, /b]", "/c@0", "/big@0", "/big@100", "/d@0", "/e@0", "[/f, /g]");
        Split ab = out.get(0);
        assertThat(ab.getPath()).isEmpty();
        assertThat(ab.getStart()).isZero();
        assertThat(ab.getLength()).isEqualTo(80);
        assertThat(ab.getInputIndex()).isEqualTo(1);
        assertThat(ab.getFiles(1)).isEqualTo(split("/b", 0, 40));
        // Every byte of the input is in exactly one split, in order.
        List<Split> flat = new ArrayList<>();
        out.forEach(s -> flat.addAll(s.getFilesCount() == 0 ? List.of(s) : s.getFilesList()));
        assertThat(flat).isEqualTo(in);
    }

    @Test
    void twoHundredTinyFilesMakeAFewSplits() {
        List<Split> in = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            in.add(split(String.format("/in/f-%03d", i), 0, 100 + i % 7));
        }
        List<Split> out = SmallFileCombiner.combine(in, 4096);
        assertThat(out).hasSize(6).allSatisfy(s -> assertThat(s.getLength()).isLessThanOrEqualTo(4096));
        assertThat(out.stream().mapToInt(Split::getFilesCount).sum()).isEqualTo(200);
    }

    @Test
    void rangesAndEmptyInputsPassThrough() {
        Split range = Split.newBuilder().setStart(0).setLength(10).build();
        assertThat(SmallFileCombiner.combine(List.of(range, range), 100)).containsExactly(range, range);
        assertThat(SmallFileCombiner.combine(List.of(), 100)).isEmpty();
        assertThatThrownBy(() -> SmallFileCombiner.combine(List.of(), 0)).hasMessageContaining("was 0");
    }
}
