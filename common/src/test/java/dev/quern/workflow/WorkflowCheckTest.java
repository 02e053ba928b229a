package dev.quern.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.api.Job;
import dev.quern.api.Workflow;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkflowCheckTest {

    @TempDir
    Path dir;

    private Job job(String name, Path... inputs) {
        return Job.builder(name).input(inputs).mapper(WorkflowRunnerTest.NoMapper.class).mapOutput(String.class, Long.class)
                .output(dir.resolve(name)).build();
    }

    @Test
    void onlyInputsNoEarlierStepWritesMustExist() throws Exception {
        Path in = Files.writeString(dir.resolve("in.txt"), "x\n");
        Job a = job("a", in);
        Job b = job("b", a.output().resolve("part-r-00000"), dir.resolve("a/../a"));
        Workflow flow = Workflow.builder("f").step(a).step(b, a).build();
        assertThat(WorkflowCheck.problems(flow)).isEmpty();
        assertThat(WorkflowCheck.complete(flow)).isFalse();

        Path missing = dir.resolve("missing.txt");
        Job c = job("c", missing, dir.resolve("later"));
        Job later = Job.builder("later").input(in).mapper(WorkflowRunnerTest.NoMapper.class).mapOutput(String.class, Long.class)
                .output(dir.resolve("later")).build();
        // "later" is written by a step after c: c cannot read it.
        assertThat(WorkflowCheck.problems(Workflow.builder("g").step(c).step(later).build())).containsExactly(
                "input path " + missing + " does not exist (read by step 'c')",
                "input path " + dir.resolve("later") + " does not exist (read by step 'c')");
        assertThat(WorkflowCheck.problems(Workflow.of(job("d", missing))))
                .containsExactly("input path " + missing + " does not exist");
    }

    @Test
    void outputsCompleteOrInTheWay() throws Exception {
        Path in = Files.writeString(dir.resolve("in.txt"), "x\n");
        Job a = job("a", in);
        Job b = job("b", a.output());
        Workflow flow = Workflow.builder("f").step(a).step(b, a).build();

        Files.createDirectories(dir.resolve("a"));
        assertThat(WorkflowCheck.problems(flow)).singleElement().asString()
                .startsWith("output directory " + dir.resolve("a") + " already exists and holds no _SUCCESS");

        Files.createFile(dir.resolve("a/_SUCCESS"));
        Files.delete(in); // a is skipped: its input is no longer needed
        assertThat(WorkflowCheck.problems(flow)).isEmpty();
        assertThat(WorkflowCheck.complete(flow)).isFalse();

        Files.createDirectories(dir.resolve("b"));
        Files.createFile(dir.resolve("b/_SUCCESS"));
        assertThat(WorkflowCheck.problems(flow)).isEmpty();
        assertThat(WorkflowCheck.complete(flow)).isTrue();
        // A client promising a new output refuses the complete final one, not the complete earlier one.
        assertThat(WorkflowCheck.problems(flow, true)).singleElement().asString()
                .startsWith("output directory " + dir.resolve("b") + " already exists (a complete output, with _SUCCESS)");
    }
}
