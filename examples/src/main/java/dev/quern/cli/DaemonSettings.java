package dev.quern.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A daemon's settings, from three sources. The naming rule: the setting {@code work-dir} is the flag
 * {@code --work-dir}, the environment variable {@code QUERN_WORK_DIR} ({@code QUERN_}, upper case,
 * dashes become underscores) and the key {@code work-dir} in the properties file named by
 * {@code --config} or {@code QUERN_CONFIG}. A flag wins over the environment, the environment over
 * the file, and the file over the built-in default.
 *
 * <p>Typed reads never throw: each problem is noted with the value and where it came from, and
 * {@link #check()} throws once with all of them, so a user fixes a bad config in one go.
 */
final class DaemonSettings {

    static final String CONFIG = "config";
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private record Value(String text, String source) {}

    private final Map<String, String> flags;
    private final Map<String, String> env;
    private final Properties file = new Properties();
    private String fileName;
    private final List<String> problems = new ArrayList<>();

    /**
     * @param flags the flags given, by setting name (no leading dashes)
     * @param env the environment, e.g. {@code System.getenv()}
     * @param known every setting the daemon reads; the file may hold no others (a typo there would
     *     otherwise be ignored in silence)
     */
    DaemonSettings(Map<String, String> flags, Map<String, String> env, Collection<String> known) {
        this.flags = Map.copyOf(flags);
        this.env = Map.copyOf(env);
        Optional<Value> config = lookup(CONFIG, false);
        config.ifPresent(c -> readFile(Path.of(c.text()), c.source(), known));
    }

    /** The environment variable of a setting: {@code work-dir} -> {@code QUERN_WORK_DIR}. */
    static String envName(String setting) {
        return "QUERN_" + setting.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private void readFile(Path path, String source, Collection<String> known) {
        fileName = path.toString();
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            file.load(in);
        } catch (IOException e) {
            problems.add("cannot read config file " + path.toAbsolutePath() + " (from " + source + "): " + e);
            return;
        }
        TreeSet<String> allowed = new TreeSet<>(known);
        allowed.remove(CONFIG);
        for (String key : new TreeSet<>(file.stringPropertyNames())) {
            if (!allowed.contains(key)) {
                problems.add("unknown setting '" + key + "' in config file " + path + "; known: " + String.join(", ", allowed));
            }
        }
    }

    private Optional<Value> lookup(String name, boolean fromFile) {
        String flag = flags.get(name);
        if (flag != null) {
            return Optional.of(new Value(flag.strip(), "--" + name));
        }
        String fromEnv = env.get(envName(name));
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(new Value(fromEnv.strip(), envName(name)));
        }
        String inFile = fromFile ? file.getProperty(name) : null;
        if (inFile != null) {
            return Optional.of(new Value(inFile.strip(), name + " in " + fileName));
        }
        return Optional.empty();
    }

    private Optional<Value> lookup(String name) {
        return lookup(name, true);
    }

    Optional<String> optional(String name) {
        return lookup(name).map(Value::text).filter(s -> !s.isEmpty());
    }

    String string(String name, String defaultValue) {
        return optional(name).orElse(defaultValue);
    }

    /** A setting without a default: its absence is a problem that names all three ways to give it. */
    String required(String name, String what) {
        Optional<String> v = optional(name);
        if (v.isEmpty()) {
            problems.add("no " + what + ": give --" + name + ", " + envName(name) + " or " + name + "= in the config file");
            return "";
        }
        return v.get();
    }

    int integer(String name, int defaultValue, int min, int max) {
        Optional<Value> v = lookup(name);
        if (v.isEmpty()) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(v.get().text());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the range
        }
        problems.add(name + " must be a whole number in [" + min + ", " + max + "], got '" + v.get().text() + "' (from " + v.get().source() + ")");
        return defaultValue;
    }

    /** A duration such as {@code 500ms}, {@code 15s}, {@code 2m} or {@code 1h}; at least 1 ms. */
    Duration duration(String name, Duration defaultValue) {
        Optional<Value> v = lookup(name);
        if (v.isEmpty()) {
            return defaultValue;
        }
        Matcher m = DURATION.matcher(v.get().text());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
            if (!d.isZero()) {
                return d;
            }
        }
        problems.add(name + " must be a positive duration like 500ms, 15s or 2m, got '" + v.get().text() + "' (from " + v.get().source() + ")");
        return defaultValue;
    }

    /** For checks across settings, made by the daemon that reads them. */
    void problem(String message) {
        problems.add(message);
    }

    /** Throws, listing every problem noted so far, if there is any. */
    void check() {
        if (problems.size() == 1) {
            throw new IllegalArgumentException(problems.get(0));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.size() + " problems with the settings:\n  " + String.join("\n  ", problems));
        }
    }
}
