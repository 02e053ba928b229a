package dev.quern.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A MapReduce job: what to read, which classes to run, where to write. Built once with
 * {@link #builder(String)} and immutable after {@link Builder#build()}.
 *
 * <pre>{@code
 * Job job = Job.builder("wordcount")
 *         .input(Path.of("books"))                 // files or directories of text
 *         .mapper(TokenizerMapper.class)           // (Long offset, String line) -> (word, 1)
 *         .combiner(SumReducer.class)              // sums on the map side, before the shuffle
 *         .reducer(SumReducer.class)               // (word, [1, 1, ...]) -> (word, n)
 *         .mapOutput(String.class, Long.class)
 *         .reducers(3)                             // part-r-00000 .. part-r-00002
 *         .output(Path.of("counts"))               // must not exist yet
 *         .build();
 * }</pre>
 *
 * <p>Jobs name classes, not instances: each executor creates its own Mapper and Reducer per attempt.
 * The output is {@code OUT/part-r-NNNNN}, one file per reducer with lines {@code key<TAB>value}
 * sorted by key (see {@link OutputFormat}), and {@code OUT/_SUCCESS} once every part is in place. With
 * {@code reducers(0)} the job is map-only: each map writes {@code OUT/part-m-NNNNN}, unsorted.
 */
public final class Job {

    private final Builder b;
    private final Map<String, String> configuration;

    private Job(Builder b, Map<String, String> configuration) {
        this.b = b;
        this.configuration = Map.copyOf(configuration);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() { return b.name; }
    public List<Input> inputs() { return List.copyOf(b.inputs); }
    public Path output() { return b.output; }
    public OutputFormat outputFormat() { return b.outputFormat; }
    public Optional<String> combinerClass() { return Optional.ofNullable(b.combiner); }
    public String reducerClass() { return b.reducer; }
    public Optional<String> partitionerClass() { return Optional.ofNullable(b.partitioner); }
    public Optional<String> sortComparatorClass() { return Optional.ofNullable(b.sortComparator); }
    public Optional<String> groupingComparatorClass() { return Optional.ofNullable(b.groupingComparator); }
    public int reducers() { return b.reducers; }
    public String mapOutputKeyType() { return b.mapKey; }
    public String mapOutputValueType() { return b.mapValue; }
    public String outputKeyType() { return b.outKey != null ? b.outKey : b.mapKey; }
    public String outputValueType() { return b.outValue != null ? b.outValue : b.mapValue; }
    /** User type class name to the class name of its {@link Codec}. */
    public Map<String, String> codecs() { return Map.copyOf(b.codecs); }
    public Map<String, String> configuration() { return configuration; }

    /** This job with {@code entries} in its configuration, in place of its own of the same keys (the CLI's {@code -D}). */
    public Job withConfiguration(Map<String, String> entries) {
        Map<String, String> merged = new LinkedHashMap<>(configuration);
        merged.putAll(entries);
        return new Job(b, merged);
    }

    /** Collects a job's settings; {@link #build()} checks them all and reports every problem at once. */
    public static final class Builder {
        private final String name;
        private final List<Input> inputs = new ArrayList<>();
        private final List<Input> pendingInputs = new ArrayList<>();
        private OutputFormat outputFormat = OutputFormat.TEXT;
        private Path output;
        private String mapper;
        private String combiner;
        private String reducer = Reducer.class.getName();
        private String partitioner;
        private String sortComparator;
        private String groupingComparator;
        private int reducers = 1;
        private String mapKey;
        private String mapValue;
        private String outKey;
        private String outValue;
        private final Map<String, String> codecs = new LinkedHashMap<>();
        private final Map<String, String> configuration = new LinkedHashMap<>();
        private boolean built;

        private Builder(String name) {
            this.name = name;
        }

        /** Text files or directories (every regular file inside, recursively) read by the job's mapper. */
        public Builder input(Path... paths) {
            return input(Input.text(paths));
        }

        /** Text files or directories read by a mapper of their own (for joins of several inputs). */
        public Builder input(Class<? extends Mapper<?, ?, ?, ?>> mapperClass, Path... paths) {
            return input(Input.text(paths).with(mapperClass));
        }

        /** An input in any {@link Input.Format}; read by its own mapper if it has one, else by the job's. */
        public Builder input(Input input) {
            checkNotBuilt();
            (input.mapperClass() == null ? pendingInputs : inputs).add(input);
            return this;
        }

        /** The mapper of every input added without one. */
        public Builder mapper(Class<? extends Mapper<?, ?, ?, ?>> mapperClass) {
            checkNotBuilt();
            this.mapper = mapperClass.getName();
            return this;
        }

        public Builder combiner(Class<? extends Reducer<?, ?, ?, ?>> combinerClass) {
            checkNotBuilt();
            this.combiner = combinerClass.getName();
            return this;
        }

        /** The reducer; the default is the identity reducer. */
        public Builder reducer(Class<? extends Reducer<?, ?, ?, ?>> reducerClass) {
            checkNotBuilt();
            this.reducer = reducerClass.getName();
            return this;
        }

        public Builder partitioner(Class<? extends Partitioner> partitionerClass) {
            checkNotBuilt();
            this.partitioner = partitionerClass.getName();
            return this;
        }

        public Builder sortComparator(Class<? extends KeyComparator> comparatorClass) {
            checkNotBuilt();
            this.sortComparator = comparatorClass.getName();
            return this;
        }

        public Builder groupingComparator(Class<? extends KeyComparator> comparatorClass) {
            checkNotBuilt();
            this.groupingComparator = comparatorClass.getName();
            return this;
        }

        /** The number of reducers R, and so of part files; 1 by default. */
        public Builder reducers(int count) {
            checkNotBuilt();
            this.reducers = count;
            return this;
        }

        /** The types the mapper writes; also the job's output types unless {@link #outputTypes} says otherwise. */
        public Builder mapOutput(Class<?> keyType, Class<?> valueType) {
            checkNotBuilt();
            this.mapKey = keyType.getName();
            this.mapValue = valueType.getName();
            return this;
        }

        public Builder outputTypes(Class<?> keyType, Class<?> valueType) {
            checkNotBuilt();
            this.outKey = keyType.getName();
            this.outValue = valueType.getName();
            return this;
        }

        /** How to serialize a user type that is not built in (see {@link Codecs}). */
        public <T> Builder codec(Class<T> type, Class<? extends Codec<T>> codecClass) {
            checkNotBuilt();
            codecs.put(type.getName(), codecClass.getName());
            return this;
        }

        /** How output records are written; {@link OutputFormat#TEXT} by default. */
        public Builder outputFormat(OutputFormat format) {
            checkNotBuilt();
            this.outputFormat = format;
            return this;
        }

        public Builder output(Path directory) {
            checkNotBuilt();
            this.output = directory;
            return this;
        }

        /** A configuration entry, visible to tasks through {@link Context#configuration()}. */
        public Builder set(String key, String value) {
            checkNotBuilt();
            configuration.put(key, value);
            return this;
        }

        private void checkNotBuilt() {
            if (built) {
                throw new IllegalStateException("job '" + name + "' is built and immutable; start a new builder");
            }
        }

        /** Checks the settings and freezes them. Throws one exception naming every problem. */
        public Job build() {
            List<String> problems = new ArrayList<>();
            checkNotBuilt();
            if (name == null || name.isBlank()) {
                problems.add("job name is empty");
            }
            // A refused build must leave the builder as it was, so the inputs are resolved into a copy.
            List<Input> all = new ArrayList<>(inputs);
            for (Input input : pendingInputs) {
                if (mapper == null) {
                    problems.add("input " + input.paths() + " has no mapper: call mapper(...)");
                }
                all.add(input.withMapperName(mapper));
            }
            if (all.isEmpty() || all.stream().anyMatch(i -> i.format() != Input.Format.RANGE && i.paths().isEmpty())) {
                problems.add("no input paths: call input(...)");
            }
            if (outputFormat == null) {
                problems.add("output format is null");
            }
            if (output == null) {
                problems.add("no output directory: call output(...)");
            }
            if (reducers < 0) {
                problems.add("reducers must be >= 0, got " + reducers);
            }
            if (mapKey == null) {
                problems.add("map output types are not set: call mapOutput(keyType, valueType)");
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("job '" + name + "': " + String.join("; ", problems));
            }
            inputs.clear();
            inputs.addAll(all);
            pendingInputs.clear();
            built = true;
            return new Job(this, configuration);
        }
    }
}
