package dev.quern.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.api.Mapper;
import dev.quern.api.Text;
import java.util.List;
import org.junit.jupiter.api.Test;

class MapperTypesTest {

    static class TextMapper extends Mapper<Long, Text, Text, Long> {}
    static class StringMapper extends Mapper<Long, String, String, Long> {}
    static class SubOfTextMapper extends TextMapper {}
    static class Generic<V> extends Mapper<Long, V, V, Long> {}
    static class BoundLater extends Generic<Text> {}
    static class ListMapper extends Mapper<Long, List<String>, String, Long> {}

    @Test
    void theDeclaredValueTypeIsFoundThroughSubclassesAndUnknownIsObject() {
        assertThat(MapperTypes.inputValueType(TextMapper.class)).isEqualTo(Text.class);
        assertThat(MapperTypes.inputValueType(SubOfTextMapper.class)).isEqualTo(Text.class);
        assertThat(MapperTypes.inputValueType(StringMapper.class)).isEqualTo(String.class);
        assertThat(MapperTypes.inputValueType(ListMapper.class)).isEqualTo(List.class);
        // A type variable bound further down is not resolved: such a mapper gets Strings, as before.
        assertThat(MapperTypes.inputValueType(BoundLater.class)).isEqualTo(Object.class);
        assertThat(MapperTypes.inputValueType(new Mapper<Object, Object, Object, Object>() {}.getClass())).isEqualTo(Object.class);
    }
}
