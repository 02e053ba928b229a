package dev.quern.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.api.Input;
import dev.quern.api.Job;
import dev.quern.api.Mapper;
import dev.quern.api.Partitioner;
import dev.quern.api.Reducer;
import dev.quern.lib.TotalOrderPartitioner;
import dev.quern.proto.JobSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class JobClassesTest {

    public abstract static class AbstractReducer extends Reducer<String, Long, String, Long> {}

    public static final class LineMapper extends Mapper<Long, String, String, Long> {}

    private static JobSpec spec(Job.Builder b) {
        return JobSpecs.toSpec(b.input(Input.text(Path.of("in"))).mapper(LineMapper.class)
                .mapOutput(String.class, Long.class).output(Path.of("out")).build());
    }

    /** A job without a reducer names the API's abstract Reducer, which means the identity. */
    @Test
    void theApisOwnReducerIsTheIdentity() {
        JobClasses classes = new JobClasses(spec(Job.builder("j")), getClass().getClassLoader());

        assertThat(classes.problems()).isEmpty();
        assertThat(classes.newReducer()).isInstanceOf(Reducer.class);
    }

    @Test
    void anAbstractUserClassIsAProblemNamingIt() {
        JobClasses classes = new JobClasses(spec(Job.builder("j").reducer(AbstractReducer.class)), getClass().getClassLoader());

        assertThat(classes.problems()).singleElement().asString().contains(AbstractReducer.class.getName());
    }

    @Test
    void thePartitionerIsConfiguredAndARefusedConfigurationIsAProblem() {
        JobSpec good = spec(Job.builder("j").reducers(2).partitioner(TotalOrderPartitioner.class)
                .set(TotalOrderPartitioner.BOUNDARIES, "80"));
        Partitioner p = new JobClasses(good, getClass().getClassLoader()).partitioner();
        assertThat(p.partition(new byte[] {(byte) 0x90}, 0, 1, 2)).isEqualTo(1);

        JobSpec bad = good.toBuilder().putConfiguration(TotalOrderPartitioner.BOUNDARIES, "80,7f").build();
        assertThat(new JobClasses(bad, getClass().getClassLoader()).problems()).singleElement().asString()
                .contains(TotalOrderPartitioner.class.getName(), "sorts before");
    }
}
