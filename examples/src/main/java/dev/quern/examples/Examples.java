package dev.quern.examples;

import dev.quern.api.Job;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The built-in example jobs, by the name the CLI knows them by. */
public final class Examples {

    /** Builds a job from its command-line arguments (like Hadoop's Tool). */
    @FunctionalInterface
    public interface JobFactory {
        Job create(List<String> args, int reducers);
    }

    private static final Map<String, JobFactory> JOBS = new TreeMap<>(Map.of(
            "wordcount", WordCount::job));

    private Examples() {}

    public static Optional<JobFactory> find(String name) {
        return Optional.ofNullable(JOBS.get(name));
    }

    public static List<String> names() {
        return List.copyOf(JOBS.keySet());
    }
}
