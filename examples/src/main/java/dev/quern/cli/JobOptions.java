package dev.quern.cli;

import dev.quern.api.Workflow;
import dev.quern.job.EngineOptions;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code -D KEY=VALUE}: configuration entries for every job of the workflow, checked before anything runs. */
final class JobOptions {

    @Option(names = "-D", paramLabel = "KEY=VALUE",
            description = "a job option for every job of the workflow, in place of the job's own setting; repeatable. "
                    + "The engine's options are under quern. (e.g. -D quern.map.sort-buffer=16777216; a wrong "
                    + "key is refused with the list); other keys reach the job's tasks through Context.configuration()")
    private Map<String, String> entries = new LinkedHashMap<>();

    /** {@code workflow} with the options, or empty after printing (prefixed {@code who: }) what is wrong with them. */
    Optional<Workflow> apply(Workflow workflow, String who, PrintWriter err) {
        if (entries.isEmpty()) {
            return Optional.of(workflow);
        }
        List<String> problems = EngineOptions.problems(entries);
        if (!problems.isEmpty()) {
            problems.forEach(p -> err.println(who + ": -D " + p));
            return Optional.empty();
        }
        return Optional.of(workflow.withConfiguration(entries));
    }
}
