package dev.quern.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Jobs run in dependency order: a chain (job B reads job A's output) or any DAG. A runner submits each
 * job once everything it depends on has succeeded, skips a job whose output is already complete
 * ({@code OUT/_SUCCESS} exists: rerunning a workflow redoes only what is missing), and stops at the
 * first failure.
 *
 * <pre>{@code
 * Job count = Job.builder("count-urls")...output(Path.of("out.d/counts")).build();
 * Job top = Job.builder("top-urls").input(Input.keyValueText(Path.of("out.d/counts")))...build();
 * Workflow flow = Workflow.builder("topurls").step(count).step(top, count).build();
 * }</pre>
 */
public final class Workflow {

    /** A job and the names of the jobs it waits for. */
    public record Step(Job job, List<String> after) {
        public Step {
            after = List.copyOf(after);
        }
    }

    private final String name;
    private final List<Step> steps;

    private Workflow(String name, List<Step> steps) {
        this.name = name;
        this.steps = List.copyOf(steps);
    }

    /** A workflow of one job. */
    public static Workflow of(Job job) {
        return builder(job.name()).step(job).build();
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() { return name; }

    /** Every step after all the steps it depends on (the order they were added in). */
    public List<Step> steps() { return steps; }

    /** This workflow with {@code entries} in every job's configuration (see {@link Job#withConfiguration}). */
    public Workflow withConfiguration(Map<String, String> entries) {
        return new Workflow(name, steps.stream().map(s -> new Step(s.job().withConfiguration(entries), s.after())).toList());
    }

    /** Adds steps; a step may only depend on steps added before it, so a workflow has no cycle. */
    public static final class Builder {
        private final String name;
        private final Map<String, Step> steps = new LinkedHashMap<>();
        private final List<String> problems = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        /** Runs {@code job} once every job in {@code after} has succeeded. */
        public Builder step(Job job, Job... after) {
            List<String> deps = new ArrayList<>();
            for (Job a : after) {
                if (steps.get(a.name()) == null || steps.get(a.name()).job() != a) {
                    problems.add("job '" + job.name() + "' depends on '" + a.name() + "', which is not an earlier step");
                }
                deps.add(a.name());
            }
            if (steps.containsKey(job.name())) {
                problems.add("two steps named '" + job.name() + "'");
            } else {
                steps.put(job.name(), new Step(job, deps));
            }
            return this;
        }

        public Workflow build() {
            List<String> all = new ArrayList<>(problems);
            Set<Path> outputs = new HashSet<>();
            for (Step s : steps.values()) {
                if (!outputs.add(s.job().output().toAbsolutePath().normalize())) {
                    all.add("two steps write " + s.job().output());
                }
            }
            if (steps.isEmpty()) {
                all.add("no steps");
            }
            if (!all.isEmpty()) {
                throw new IllegalArgumentException("workflow '" + name + "': " + String.join("; ", all));
            }
            return new Workflow(name, new ArrayList<>(steps.values()));
        }
    }
}
