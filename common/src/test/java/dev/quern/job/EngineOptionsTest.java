package dev.quern.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class EngineOptionsTest {

    @Test
    void goodValuesAndTheJobsOwnKeysHaveNoProblems() {
        assertThat(EngineOptions.problems(Map.of())).isEmpty();
        assertThat(EngineOptions.problems(Map.of(EngineOptions.SORT_BUFFER, "16777216", EngineOptions.EAGER_COMBINE, "false",
                FaultOptions.SPECULATION, "true", "wordcount.min-length", "anything",
                dev.quern.lib.TotalOrderPartitioner.BOUNDARIES, "/some/file"))).isEmpty();
    }

    @Test
    void everyBadValueAndUnknownEngineKeyIsNamedWithItsValue() {
        List<String> problems = EngineOptions.problems(Map.of(EngineOptions.SORT_BUFFER, "abc", "quern.map.sortbuffer", "5",
                EngineOptions.REDUCE_SLOWSTART, "2", FaultOptions.TASK_TIMEOUT, "-1"));
        assertThat(problems).hasSize(4);
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("quern.map.sort-buffer").contains("'abc'"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("unknown option quern.map.sortbuffer='5'")
                .contains(EngineOptions.SORT_BUFFER));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("quern.reduce.slowstart").contains("'2'"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("quern.task.timeout").contains("-1"));
    }

    /** The known keys are a list kept by hand: an option added to the classes but not to it would be refused as a typo. */
    @Test
    void everyOptionConstantIsAKnownKey() throws IllegalAccessException {
        List<String> keys = new ArrayList<>();
        for (Field f : Stream.of(EngineOptions.class, FaultOptions.class).flatMap(c -> Stream.of(c.getFields())).toList()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class && ((String) f.get(null)).startsWith("quern.")) {
                keys.add((String) f.get(null));
            }
        }
        assertThat(keys).hasSizeGreaterThanOrEqualTo(13);
        for (String key : keys) {
            assertThat(EngineOptions.problems(Map.of(key, "1"))).as(key).noneMatch(p -> p.startsWith("unknown option"));
        }
    }
}
