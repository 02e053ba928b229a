package dev.quern.jar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sources of the test jobs: the example of docs/writing-jobs.md, and a tagging job in versions. */
public final class JobJarSources {

    static final Path WRITING_JOBS = Path.of("..", "docs", "writing-jobs.md");

    private JobJarSources() {}

    /** The fenced blocks of one language in the doc, in order. */
    static List<String> docBlocks(String language) throws IOException {
        Matcher m = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(WRITING_JOBS));
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    /**
     * The tag job plus {@code com.acme.GatedTag}: the same mapper, but each attempt first leaves a
     * file named by its attempt id in the directory {@code test.gate} names, then waits until
     * {@code open} exists there (so a test can kill the leader mid-job).
     */
    static Map<String, String> gatedTagJob(String transform) {
        Map<String, String> sources = new java.util.HashMap<>(tagJob(transform));
        sources.put("com.acme.GatedTag", """
                package com.acme;
                import java.nio.file.Files;
                import java.nio.file.Path;
                public class GatedTag extends Tag {
                    @Override
                    public void setup(dev.quern.api.Context<String, Long> context) throws java.io.IOException, InterruptedException {
                        Path gate = Path.of(context.get("test.gate", ""));
                        Files.createDirectories(gate);
                        Files.writeString(gate.resolve(context.attemptId()), "");
                        while (!Files.exists(gate.resolve("open"))) {
                            Thread.sleep(20); // a kill interrupts this
                        }
                    }
                }
                """);
        return sources;
    }

    /**
     * A mapper {@code com.acme.Tag} that writes (transform(word), 1), a summing reducer
     * {@code com.acme.Sum} and a tool {@code com.acme.TagTool IN OUT}. Versions differ only in the
     * transform, so two jars hold the same class names with different behaviour.
     */
    public static Map<String, String> tagJob(String transform) {
        return Map.of(
                "com.acme.Tag", """
                        package com.acme;
                        public class Tag extends dev.quern.api.Mapper<Long, String, String, Long> {
                            @Override
                            public void map(Long offset, String line, dev.quern.api.Context<String, Long> context)
                                    throws java.io.IOException {
                                for (String word : line.split("\\\\s+")) {
                                    if (!word.isEmpty()) {
                                        context.write(%s, 1L);
                                    }
                                }
                            }
                        }
                        """.formatted(transform),
                "com.acme.Sum", """
                        package com.acme;
                        public class Sum extends dev.quern.api.Reducer<String, Long, String, Long> {
                            @Override
                            public void reduce(String key, Iterable<Long> counts, dev.quern.api.Context<String, Long> context)
                                    throws java.io.IOException {
                                long sum = 0;
                                for (long c : counts) {
                                    sum += c;
                                }
                                context.write(key, sum);
                            }
                        }
                        """,
                "com.acme.TagTool", """
                        package com.acme;
                        import java.nio.file.Path;
                        public class TagTool implements dev.quern.api.Tool {
                            @Override
                            public dev.quern.api.Workflow plan(java.util.List<String> args, int reducers) {
                                return dev.quern.api.Workflow.of(dev.quern.api.Job.builder("tag")
                                        .input(Path.of(args.get(0))).output(Path.of(args.get(1)))
                                        .mapper(Tag.class).combiner(Sum.class).reducer(Sum.class)
                                        .mapOutput(String.class, Long.class).reducers(reducers).build());
                            }
                        }
                        """);
    }
}
