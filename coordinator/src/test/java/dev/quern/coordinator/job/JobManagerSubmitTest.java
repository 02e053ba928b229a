package dev.quern.coordinator.job;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quern.job.EngineOptions;
import dev.quern.proto.Error;
import dev.quern.proto.InputSpec;
import dev.quern.proto.JobSpec;
import dev.quern.proto.JobStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Submits that are refused: the error names the problem, and nothing is created or launched. */
class JobManagerSubmitTest {

    @TempDir
    Path dir;

    JobHarness h;
    Path input;

    @BeforeEach
    void setUp() throws Exception {
        h = new JobHarness(dir);
        h.ready("e1", 4);
        input = TestJobs.input(dir.resolve("input.txt"), 3);
    }

    @Test
    void aMissingInputPathIsNotFound() {
        Path missing = dir.resolve("no-such-input");

        Error error = refuse(TestJobs.spec(missing, h.output, 1).build());

        assertThat(error.getCode()).isEqualTo(Error.Code.NOT_FOUND);
        assertThat(error.getMessage()).contains(missing.toString());
        assertNothingHappened();
    }

    @Test
    void anExistingOutputIsAlreadyExistsAndIsLeftUntouched() throws Exception {
        Files.createDirectories(h.output);
        Path earlier = Files.writeString(h.output.resolve("part-r-00000"), "an earlier job's result\n", UTF_8);

        Error error = refuse(TestJobs.spec(input, h.output, 1).build());

        assertThat(error.getCode()).isEqualTo(Error.Code.ALREADY_EXISTS);
        assertThat(error.getMessage()).contains(h.output.toString());
        assertThat(JobHarness.tree(h.output)).containsExactly("part-r-00000");
        assertThat(Files.readString(earlier, UTF_8)).isEqualTo("an earlier job's result\n");
        assertThat(h.dispatcher.launches).isEmpty();
        assertThat(h.manager.jobs()).isEmpty();
    }

    @Test
    void aMapperClassThatDoesNotExistIsInvalid() {
        JobSpec spec = TestJobs.spec(input, h.output, 1).build();
        JobSpec bad = spec.toBuilder().setInputs(0, spec.getInputs(0).toBuilder().setMapperClass("com.example.NoSuchMapper")).build();

        Error error = refuse(bad);

        assertThat(error.getCode()).isEqualTo(Error.Code.INVALID_ARGUMENT);
        assertThat(error.getMessage()).contains("com.example.NoSuchMapper");
        assertNothingHappened();
    }

    @Test
    void aClassOfTheWrongKindIsInvalid() {
        Error error = refuse(TestJobs.spec(input, h.output, 1).setReducerClass(TestJobs.LineMapper.class.getName()).build());

        assertThat(error.getCode()).isEqualTo(Error.Code.INVALID_ARGUMENT);
        assertThat(error.getMessage()).contains(TestJobs.LineMapper.class.getName(), "Reducer");
        assertNothingHappened();
    }

    @Test
    void negativeReducersIsInvalid() {
        Error error = refuse(TestJobs.spec(input, h.output, -1).build());

        assertThat(error.getCode()).isEqualTo(Error.Code.INVALID_ARGUMENT);
        assertThat(error.getMessage()).contains("reducers", "-1");
        assertNothingHappened();
    }

    @Test
    void aFixedLengthFileThatIsNotWholeRecordsIsInvalidAndNamed() throws Exception {
        Path torn = Files.write(dir.resolve("records.bin"), new byte[1050]);
        JobSpec spec = TestJobs.spec(torn, h.output, 1).build();
        JobSpec fixed = spec.toBuilder().setInputs(0, spec.getInputs(0).toBuilder()
                .setFormat(InputSpec.Format.FIXED_LENGTH).setRecordBytes(100).setKeyBytes(10)).build();

        Error error = refuse(fixed);

        assertThat(error.getCode()).isEqualTo(Error.Code.INVALID_ARGUMENT);
        assertThat(error.getMessage()).contains(torn.toString(), "1050 bytes", "record size 100");
        assertNothingHappened();
    }

    @Test
    void anInputWithoutAFormatIsInvalidAndNamed() {
        JobSpec spec = TestJobs.spec(input, h.output, 1).build();
        JobSpec bad = spec.toBuilder().setInputs(0, spec.getInputs(0).toBuilder().clearFormat()).build();

        Error error = refuse(bad);

        assertThat(error.getCode()).isEqualTo(Error.Code.INVALID_ARGUMENT);
        assertThat(error.getMessage()).contains("input 0", input.toString(), "no input format");
        assertNothingHappened();
    }

    @Test
    void aMapOnlyJobWithACombinerOrOtherOutputTypesIsInvalid() {
        Error error = refuse(TestJobs.spec(input, h.output, 0).setCombinerClass(TestJobs.SumReducer.class.getName())
                .setOutputValueType(String.class.getName()).build());

        assertThat(error.getCode()).isEqualTo(Error.Code.INVALID_ARGUMENT);
        assertThat(error.getMessage()).contains("map-only", "combiner", TestJobs.SumReducer.class.getName(), "output types");
        assertNothingHappened();
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        Error error = refuse(TestJobs.spec(input, h.output, -1).setReducerClass("com.example.NoSuchReducer")
                .putConfiguration("quern.split.size", "tiny").build());

        assertThat(error.getCode()).isEqualTo(Error.Code.INVALID_ARGUMENT);
        assertThat(error.getMessage()).contains("reducers", "com.example.NoSuchReducer", "quern.split.size", "tiny");
        assertNothingHappened();
    }

    @Test
    void badReduceOptionsAreNamedWithTheirValues() {
        Error error = refuse(TestJobs.spec(input, h.output, 1)
                .putConfiguration(EngineOptions.REDUCE_SLOWSTART, "1.5")
                .putConfiguration(EngineOptions.PARALLEL_COPIES, "0")
                .putConfiguration(EngineOptions.SHUFFLE_MEMORY, "lots").build());

        assertThat(error.getCode()).isEqualTo(Error.Code.INVALID_ARGUMENT);
        assertThat(error.getMessage()).contains("quern.reduce.slowstart", "'1.5'", "quern.reduce.parallel-copies", "got 0",
                "quern.reduce.shuffle-memory", "'lots'");
        assertNothingHappened();
        assertThat(refuse(TestJobs.spec(input, h.output, 1).putConfiguration(EngineOptions.REDUCE_SLOWSTART, "NaN").build())
                .getMessage()).contains("quern.reduce.slowstart", "'NaN'");
    }

    @Test
    void anOutputNestedInMissingDirectoriesIsRefusedWithoutCreatingThem() {
        Path nested = dir.resolve("a").resolve("b").resolve("out");

        refuse(TestJobs.spec(dir.resolve("missing"), nested, 1).build());

        assertThat(dir.resolve("a")).doesNotExist();
    }

    @Test
    void aRefusedSubmitDoesNotStopTheNextOne() throws Exception {
        refuse(TestJobs.spec(input, h.output, -1).build());

        String job = h.manager.submit(TestJobs.spec(input, h.output, 1).build(), h.listener);

        assertThat(job).isEqualTo("job-1");
        assertThat(h.output).isDirectory();
        assertThat(h.dispatcher.launched()).containsExactly("m-00000.1@e1", "m-00001.1@e1", "m-00002.1@e1");
        assertThat(h.manager.status(job).orElseThrow().getState()).isEqualTo(JobStatus.State.RUNNING);
        assertThat(h.listener.events).first().isEqualTo(job);
    }

    @Test
    void aJobIdThatCannotBeRecordedReleasesTheOutput() {
        MemoryJournal journal = new MemoryJournal();
        journal.hook = record -> {
            throw new IllegalStateException("ZooKeeper is gone");
        };
        JobManager manager = new JobManager(h.dispatcher, journal, 0, JobHarness.class.getClassLoader(), JobHarness.CLOCK, () -> { });

        assertThatThrownBy(() -> manager.submit(TestJobs.spec(input, h.output, 1).build(), h.listener))
                .isInstanceOfSatisfying(SubmitException.class, e -> {
                    assertThat(e.error().getCode()).isEqualTo(Error.Code.INTERNAL);
                    assertThat(e.getMessage()).contains("ZooKeeper is gone");
                });
        assertNothingHappened();
    }

    private Error refuse(JobSpec spec) {
        try {
            h.manager.submit(spec, h.listener);
        } catch (SubmitException e) {
            assertThat(e.error().getMessage()).isEqualTo(e.getMessage());
            assertThat(e.error().getRetriable()).isFalse();
            return e.error();
        }
        throw new AssertionError("job was accepted: " + spec);
    }

    private void assertNothingHappened() {
        assertThat(h.output).doesNotExist();
        assertThat(h.listener.events).isEmpty();
        assertThat(h.dispatcher.launches).isEmpty();
        assertThat(h.manager.jobs()).isEmpty();
    }
}
