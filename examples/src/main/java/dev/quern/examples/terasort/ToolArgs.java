package dev.quern.examples.terasort;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A tool's command line: {@code --name value} options, then positional arguments. */
public record ToolArgs(Map<String, String> options, List<String> positional) {

    /**
     * @throws IllegalArgumentException for an unknown option, a missing value or the wrong number
     *     of positional arguments, with {@code usage} in the message
     */
    public static ToolArgs parse(List<String> args, Set<String> known, int positional, String usage) {
        Map<String, String> options = new HashMap<>();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--")) {
                if (!known.contains(a) || i + 1 == args.size()) {
                    throw new IllegalArgumentException((known.contains(a) ? "option " + a + " needs a value" : "unknown option " + a)
                            + "; " + usage);
                }
                options.put(a, args.get(++i));
            } else {
                rest.add(a);
            }
        }
        if (rest.size() != positional) {
            throw new IllegalArgumentException("expected " + positional + " arguments, got " + rest.size() + " " + rest + "; " + usage);
        }
        return new ToolArgs(options, rest);
    }

    /** An option as a number with an optional k, m or g suffix (powers of 1000), or its default. */
    public long count(String option, long defaultValue, long min, String usage) {
        String raw = options.get(option);
        return raw == null ? defaultValue : parseCount(option, raw, min, usage);
    }

    public static long parseCount(String what, String raw, long min, String usage) {
        String s = raw.trim().toLowerCase();
        long mult = s.endsWith("k") ? 1_000L : s.endsWith("m") ? 1_000_000L : s.endsWith("g") ? 1_000_000_000L : 1;
        try {
            long n = Math.multiplyExact(Long.parseLong(mult == 1 ? s : s.substring(0, s.length() - 1)), mult);
            if (n < min) {
                throw new IllegalArgumentException(what + " must be >= " + min + ", got " + raw + "; " + usage);
            }
            return n;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(what + " is not a count: '" + raw + "'; " + usage, e);
        }
    }
}
