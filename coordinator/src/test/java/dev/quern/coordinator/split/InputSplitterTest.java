package dev.quern.coordinator.split;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.proto.InputSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputSplitterTest {

    @TempDir
    Path dir;

    @Test
    void anInputWithoutAFormatIsNamed() {
        InputSpec input = InputSpec.newBuilder().addPaths("/data/a").build();

        assertThat(InputSplitter.problems(input, 3)).singleElement().asString()
                .contains("input 3", "/data/a", "no input format");
    }

    @Test
    void anInputOfAnUnknownFormatIsNamed() {
        InputSpec input = InputSpec.newBuilder().addPaths("/data/a").setFormatValue(42).build();

        assertThat(InputSplitter.problems(input, 0)).singleElement().asString().contains("input 0", "unknown input format 42");
    }

    @Test
    void badSettingsOfEachFormatAreNamed() {
        assertThat(InputSplitter.problems(InputSpec.newBuilder().setFormat(InputSpec.Format.TEXT).build(), 0))
                .singleElement().asString().contains("names no files");
        assertThat(InputSplitter.problems(InputSpec.newBuilder().setFormat(InputSpec.Format.FIXED_LENGTH).addPaths("/a")
                .setRecordBytes(10).setKeyBytes(11).build(), 0)).singleElement().asString().contains("record_bytes=10", "key_bytes=11");
        assertThat(InputSplitter.problems(InputSpec.newBuilder().setFormat(InputSpec.Format.RANGE).addPaths("/a")
                .setRangeCount(-1).setRangeSplits(0).build(), 1))
                .hasSize(3).anySatisfy(p -> assertThat(p).contains("reads no files", "/a"))
                .anySatisfy(p -> assertThat(p).contains("range_count", "-1"))
                .anySatisfy(p -> assertThat(p).contains("range_splits", "0"));
        assertThat(InputSplitter.problems(InputSpec.newBuilder().setFormat(InputSpec.Format.RANGE).setRangeCount(5)
                .setRangeSplits(InputSplitter.MAX_RANGE_SPLITS + 1).build(), 0)).singleElement().asString().contains("range_splits");
    }

    @Test
    void keyValueTextIsSplitLikeText() throws Exception {
        Path file = Files.writeString(dir.resolve("kv"), "a\t1\nb\t2\nc\t3\n");
        InputSpec text = InputSpec.newBuilder().setFormat(InputSpec.Format.TEXT).addPaths(file.toString()).build();
        InputSpec kv = text.toBuilder().setFormat(InputSpec.Format.KEY_VALUE_TEXT).build();

        assertThat(InputSplitter.problems(kv, 0)).isEmpty();
        assertThat(InputSplitter.split(kv, 0, 4)).hasSize(3).isEqualTo(InputSplitter.split(text, 0, 4));
    }
}
