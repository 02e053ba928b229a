package dev.quern.examples;

import dev.quern.api.Tool;
import dev.quern.examples.join.Join;
import dev.quern.examples.join.PageDemographics;
import dev.quern.examples.terasort.TeraGen;
import dev.quern.examples.terasort.TeraSort;
import dev.quern.examples.terasort.TeraValidate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/** The built-in example jobs, by the name the CLI knows them by. */
public final class Examples {

    private static final Map<String, Supplier<Tool>> TOOLS = new TreeMap<>(Map.ofEntries(
            Map.entry("grep", Grep::new),
            Map.entry("invertedindex", InvertedIndex::new),
            Map.entry("join", Join::new),
            Map.entry("pagedemographics", PageDemographics::new),
            Map.entry("pi", Pi::new),
            Map.entry("sort", TeraSort::new),
            Map.entry("teragen", TeraGen::new),
            Map.entry("teravalidate", TeraValidate::new),
            Map.entry("topurls", TopUrls::new),
            Map.entry("wordcount", WordCount::new)));

    private Examples() {}

    /**
     * A built-in job by name, or a {@link Tool} class on the classpath by its full name (the probe
     * jobs, or your own): {@code mr local com.example.MyTool ARGS...}.
     *
     * @throws IllegalArgumentException when the named class is not a Tool or cannot be created
     */
    public static Optional<Tool> find(String name) {
        Supplier<Tool> builtIn = TOOLS.get(name);
        if (builtIn != null) {
            return Optional.of(builtIn.get());
        }
        if (!name.contains(".")) {
            return Optional.empty();
        }
        Class<?> cls;
        try {
            cls = Class.forName(name);
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        } catch (LinkageError e) {
            throw new IllegalArgumentException("cannot load tool class " + name + ": " + e, e);
        }
        if (!Tool.class.isAssignableFrom(cls)) {
            throw new IllegalArgumentException("class " + name + " does not implement " + Tool.class.getName());
        }
        try {
            return Optional.of((Tool) cls.getConstructor().newInstance());
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("tool class " + name + " has no public no-argument constructor");
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot create tool class " + name + ": " + e, e);
        }
    }

    public static List<String> names() {
        return List.copyOf(TOOLS.keySet());
    }
}
