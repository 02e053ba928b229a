package dev.quern.examples;

import dev.quern.api.Job;
import dev.quern.examples.terasort.TeraGen;
import dev.quern.examples.terasort.TeraSort;
import dev.quern.examples.terasort.TeraValidate;
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
            "sort", TeraSort::job,
            "teragen", TeraGen::job,
            "teravalidate", TeraValidate::job,
            "wordcount", WordCount::job));

    private Examples() {}

    /**
     * A built-in job by name, or a {@link JobFactory} class on the classpath by its full name (the
     * probe jobs, or your own): {@code mr local com.example.MyJob ARGS...}.
     */
    public static Optional<JobFactory> find(String name) {
        JobFactory builtIn = JOBS.get(name);
        if (builtIn != null || !name.contains(".")) {
            return Optional.ofNullable(builtIn);
        }
        try {
            Class<?> cls = Class.forName(name);
            if (!JobFactory.class.isAssignableFrom(cls)) {
                throw new IllegalArgumentException("class " + name + " is not a " + JobFactory.class.getName());
            }
            return Optional.of((JobFactory) cls.getConstructor().newInstance());
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot create job class " + name + ": " + e, e);
        }
    }

    public static List<String> names() {
        return List.copyOf(JOBS.keySet());
    }
}
