package dev.quern.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class JobTest {

    static final class WordMapper extends Mapper<Long, String, String, Long> {}

    static final class OtherMapper extends Mapper<Long, String, String, Long> {}

    static final class Sum extends Reducer<String, Long, String, Long> {}

    static final class Reverse implements KeyComparator {
        @Override
        public int compare(byte[] a, int aOffset, int aLength, byte[] b, int bOffset, int bLength) {
            return BYTES.compare(b, bOffset, bLength, a, aOffset, aLength);
        }
    }

    static final class Hex implements Codec<byte[]> {
        @Override public void write(byte[] value, java.io.DataOutput out) {}
        @Override public byte[] read(byte[] bytes, int offset, int length) { return new byte[0]; }
    }

    private static Job.Builder valid() {
        return Job.builder("wc").input(Path.of("in")).mapper(WordMapper.class)
                .mapOutput(String.class, Long.class).output(Path.of("out"));
    }

    @Test
    void anEmptyBuilderListsEveryProblemInOneMessage() {
        assertThatThrownBy(() -> Job.builder("wc").reducers(-2).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'wc'")
                .hasMessageContaining("no input paths")
                .hasMessageContaining("no output directory")
                .hasMessageContaining("map output types are not set")
                .hasMessageContaining("reducers must be >= 0, got -2");
    }

    @Test
    void anInputWithoutAMapperIsNamed() {
        assertThatThrownBy(() -> Job.builder("wc").input(Path.of("books")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("input [books] has no mapper")
                .hasMessageContaining("no output directory")
                .hasMessageContaining("map output types are not set")
                .hasMessageNotContaining("no input paths");
        assertThatThrownBy(() -> valid().input().build()).hasMessageContaining("no input paths");
        assertThatThrownBy(() -> Job.builder(" ").input(Path.of("in")).mapper(WordMapper.class)
                .mapOutput(String.class, Long.class).output(Path.of("out")).build()).hasMessageContaining("job name is empty");
    }

    @Test
    void negativeReducersAloneAreRefused() {
        assertThatThrownBy(() -> valid().reducers(-1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("job 'wc': reducers must be >= 0, got -1");
        assertThat(valid().reducers(0).build().reducers()).isZero();
    }

    @Test
    void defaults() {
        Job job = valid().build();
        assertThat(job.name()).isEqualTo("wc");
        assertThat(job.reducers()).isEqualTo(1);
        assertThat(job.reducerClass()).isEqualTo("dev.quern.api.Reducer");
        assertThat(job.outputKeyType()).isEqualTo("java.lang.String");
        assertThat(job.outputValueType()).isEqualTo("java.lang.Long");
        assertThat(job.combinerClass()).isEmpty();
        assertThat(job.partitionerClass()).isEmpty();
        assertThat(job.sortComparatorClass()).isEmpty();
        assertThat(job.groupingComparatorClass()).isEmpty();
        assertThat(job.codecs()).isEmpty();
        assertThat(job.configuration()).isEmpty();
        assertThat(job.inputs()).containsExactly(Input.text(Path.of("in")).with(WordMapper.class));
    }

    @Test
    void everySettingIsKept() {
        Job job = valid().input(OtherMapper.class, Path.of("a"), Path.of("b")).combiner(Sum.class).reducer(Sum.class)
                .partitioner(HashPartitioner.class).sortComparator(Reverse.class).groupingComparator(Reverse.class)
                .reducers(4).outputTypes(String.class, Integer.class).codec(byte[].class, Hex.class)
                .set("k", "v").build();
        assertThat(job.inputs()).containsExactlyInAnyOrder(
                Input.text(Path.of("in")).with(WordMapper.class),
                Input.text(Path.of("a"), Path.of("b")).with(OtherMapper.class));
        assertThat(job.combinerClass()).contains(Sum.class.getName());
        assertThat(job.reducerClass()).isEqualTo(Sum.class.getName());
        assertThat(job.partitionerClass()).contains(HashPartitioner.class.getName());
        assertThat(job.sortComparatorClass()).contains(Reverse.class.getName());
        assertThat(job.groupingComparatorClass()).contains(Reverse.class.getName());
        assertThat(job.reducers()).isEqualTo(4);
        assertThat(job.mapOutputValueType()).isEqualTo("java.lang.Long");
        assertThat(job.outputValueType()).isEqualTo("java.lang.Integer");
        assertThat(job.codecs()).isEqualTo(Map.of("[B", Hex.class.getName()));
        assertThat(job.configuration()).isEqualTo(Map.of("k", "v"));
    }

    @Test
    void aBuiltJobIsImmutable() {
        Job.Builder builder = valid();
        Job job = builder.build();
        List<Executable> setters = List.of(
                () -> builder.input(Path.of("x")),
                () -> builder.input(OtherMapper.class, Path.of("x")),
                () -> builder.mapper(OtherMapper.class),
                () -> builder.combiner(Sum.class),
                () -> builder.reducer(Sum.class),
                () -> builder.partitioner(HashPartitioner.class),
                () -> builder.sortComparator(Reverse.class),
                () -> builder.groupingComparator(Reverse.class),
                () -> builder.reducers(9),
                () -> builder.mapOutput(Integer.class, Integer.class),
                () -> builder.outputTypes(Integer.class, Integer.class),
                () -> builder.codec(byte[].class, Hex.class),
                () -> builder.output(Path.of("elsewhere")),
                () -> builder.set("k", "v"),
                builder::build);
        for (Executable setter : setters) {
            assertThatThrownBy(setter::execute).isInstanceOf(IllegalStateException.class).hasMessageContaining("'wc'");
        }
        assertThatThrownBy(() -> job.inputs().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> job.inputs().get(0).paths().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> job.configuration().put("k", "v")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(job.inputs()).hasSize(1);
        assertThat(job.reducers()).isEqualTo(1);
        assertThat(job.output()).isEqualTo(Path.of("out"));
    }

    @Test
    void thePathsArrayIsCopied() {
        Path[] paths = {Path.of("a")};
        Job job = valid().input(paths).build();
        paths[0] = Path.of("changed");
        assertThat(job.inputs()).extracting(Input::paths).containsExactly(List.of(Path.of("in")), List.of(Path.of("a")));
    }

    /** A refused build changes nothing: fixing the problem and building again gives a whole job. */
    @Test
    void aRefusedBuildCanBeFixedAndRetried() {
        Job.Builder builder = Job.builder("wc").input(Path.of("in")).mapOutput(String.class, Long.class).output(Path.of("out"));
        assertThatThrownBy(builder::build).hasMessageContaining("has no mapper");
        assertThatThrownBy(builder::build).as("the same problem, reported again").hasMessageContaining("has no mapper");
        Job job = builder.mapper(WordMapper.class).build();
        assertThat(job.inputs()).containsExactly(Input.text(Path.of("in")).with(WordMapper.class));
    }

    @Test
    void withConfigurationReplacesAndAddsEntriesInEveryStepAndLeavesTheOriginalsAlone() {
        Job first = valid().set("a", "1").set("b", "2").build();
        Job second = Job.builder("second").input(Path.of("wc-out")).mapper(WordMapper.class)
                .mapOutput(String.class, Long.class).output(Path.of("second-out")).build();
        Workflow flow = Workflow.builder("chain").step(first).step(second, first).build();

        Workflow changed = flow.withConfiguration(Map.of("b", "3", "c", "4"));

        assertThat(changed.name()).isEqualTo("chain");
        assertThat(changed.steps()).hasSize(2);
        assertThat(changed.steps().get(0).job().configuration()).isEqualTo(Map.of("a", "1", "b", "3", "c", "4"));
        assertThat(changed.steps().get(1).job().configuration()).isEqualTo(Map.of("b", "3", "c", "4"));
        assertThat(changed.steps().get(1).after()).containsExactly("wc");
        assertThat(changed.steps().get(1).job().output()).isEqualTo(Path.of("second-out"));
        assertThat(first.configuration()).as("the original job").isEqualTo(Map.of("a", "1", "b", "2"));
        assertThat(flow.steps().get(1).job().configuration()).isEmpty();
    }
}
