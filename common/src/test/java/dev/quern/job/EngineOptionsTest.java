package dev.quern.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
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
}
