package dev.quern.coordinator.job;

import dev.quern.api.Mapper;
import dev.quern.api.Reducer;
import dev.quern.job.EngineOptions;
import dev.quern.proto.InputSpec;
import dev.quern.proto.JobSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Job specs whose classes load from the test classpath. The job manager never runs them. */
public final class TestJobs {

    /** Every input line is a map task: 5-byte lines and a 5-byte split size. */
    static final int LINE_BYTES = 5;

    public static final class LineMapper extends Mapper<Long, String, String, Long> {}

    public static final class SumReducer extends Reducer<String, Long, String, Long> {}

    private TestJobs() {}

    /** Writes {@code maps} lines to {@code input}. */
    static Path input(Path input, int maps) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < maps; i++) {
            lines.append(String.format("%04d\n", i));
        }
        return Files.writeString(input, lines, StandardCharsets.UTF_8);
    }

    /** A job reading {@code input} with one map per line into {@code reduces} partitions at {@code output}. */
    static JobSpec.Builder spec(Path input, Path output, int reduces) {
        return JobSpec.newBuilder()
                .setName("test-job")
                .addInputs(InputSpec.newBuilder().addPaths(input.toString()).setFormat(InputSpec.Format.TEXT)
                        .setMapperClass(LineMapper.class.getName()))
                .setOutput(output.toString())
                .setReducerClass(SumReducer.class.getName())
                .setNumReducers(reduces)
                .setMapOutputKeyType(String.class.getName())
                .setMapOutputValueType(Long.class.getName())
                .setOutputKeyType(String.class.getName())
                .setOutputValueType(Long.class.getName())
                .putConfiguration(EngineOptions.SPLIT_SIZE, Integer.toString(LINE_BYTES));
    }
}
