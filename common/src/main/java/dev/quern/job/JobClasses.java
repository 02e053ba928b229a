package dev.quern.job;

import dev.quern.api.Codec;
import dev.quern.api.Codecs;
import dev.quern.api.HashPartitioner;
import dev.quern.api.KeyComparator;
import dev.quern.api.Mapper;
import dev.quern.api.Partitioner;
import dev.quern.api.Reducer;
import dev.quern.proto.JobSpec;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Creates the user's classes named by a {@link JobSpec}, through one class loader. {@link #problems()}
 * lists every class that cannot be loaded or is of the wrong kind, so that a submit is refused with
 * all of them named, before any task runs.
 */
public final class JobClasses {

    private final JobSpec spec;
    private final ClassLoader loader;

    public JobClasses(JobSpec spec, ClassLoader loader) {
        this.spec = spec;
        this.loader = loader;
    }

    @SuppressWarnings("unchecked")
    public Mapper<Object, Object, Object, Object> newMapper(int inputIndex) {
        return create(spec.getInputs(inputIndex).getMapperClass(), Mapper.class, "mapper of input " + inputIndex);
    }

    @SuppressWarnings("unchecked")
    public Optional<Reducer<Object, Object, Object, Object>> newCombiner() {
        return spec.getCombinerClass().isEmpty()
                ? Optional.empty()
                : Optional.of(create(spec.getCombinerClass(), Reducer.class, "combiner"));
    }

    @SuppressWarnings("unchecked")
    public Reducer<Object, Object, Object, Object> newReducer() {
        return create(spec.getReducerClass(), Reducer.class, "reducer");
    }

    /**
     * The job's partitioner, configured with the job's configuration. A configuration it refuses
     * (say, malformed total-order boundaries) is an {@link IllegalArgumentException}, so a submit
     * names it through {@link #problems()}.
     */
    public Partitioner partitioner() {
        if (spec.getPartitionerClass().isEmpty()) {
            return new HashPartitioner();
        }
        Partitioner p = create(spec.getPartitionerClass(), Partitioner.class, "partitioner");
        try {
            p.configure(spec.getConfigurationMap());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("partitioner " + spec.getPartitionerClass() + " refused the job's configuration: "
                    + e.getMessage(), e);
        }
        return p;
    }

    public KeyComparator sortComparator() {
        return spec.getSortComparatorClass().isEmpty()
                ? KeyComparator.BYTES
                : create(spec.getSortComparatorClass(), KeyComparator.class, "sort comparator");
    }

    public KeyComparator groupingComparator() {
        return spec.getGroupingComparatorClass().isEmpty()
                ? sortComparator()
                : create(spec.getGroupingComparatorClass(), KeyComparator.class, "grouping comparator");
    }

    public Codec<Object> mapKeyCodec() { return codec(spec.getMapOutputKeyType()); }
    public Codec<Object> mapValueCodec() { return codec(spec.getMapOutputValueType()); }
    public Codec<Object> outputKeyCodec() { return codec(spec.getOutputKeyType()); }
    public Codec<Object> outputValueCodec() { return codec(spec.getOutputValueType()); }

    /** The codec of a key or value type: built in, or named in the job's codecs. */
    @SuppressWarnings("unchecked")
    public Codec<Object> codec(String typeName) {
        String codecClass = spec.getCodecsMap().get(typeName);
        if (codecClass != null) {
            return create(codecClass, Codec.class, "codec of type " + typeName);
        }
        Class<?> type = load(typeName, "key/value type");
        return (Codec<Object>) Codecs.builtIn(type).orElseThrow(() -> new IllegalArgumentException(
                "type " + typeName + " has no built-in codec (String, Text, Long, Integer, Double, byte[]): "
                        + "register one with Job.Builder.codec(type, codecClass)"));
    }

    /** Every problem with the job's classes, empty when all of them load and are of the right kind. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < spec.getInputsCount(); i++) {
            int input = i;
            check(problems, () -> newMapper(input));
        }
        check(problems, this::newCombiner);
        check(problems, this::newReducer);
        check(problems, this::partitioner);
        check(problems, this::sortComparator);
        check(problems, this::groupingComparator);
        check(problems, this::mapKeyCodec);
        check(problems, this::mapValueCodec);
        check(problems, this::outputKeyCodec);
        check(problems, this::outputValueCodec);
        return problems;
    }

    private static void check(List<String> problems, Runnable creation) {
        try {
            creation.run();
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
    }

    private <T> T create(String className, Class<T> kind, String role) {
        // The API's own Mapper and Reducer are abstract, with identity defaults: naming one (as
        // Job.Builder does for a job without a reducer) means the identity, an anonymous subclass.
        if (className.equals(Mapper.class.getName()) && kind == Mapper.class) {
            return kind.cast(new Mapper<Object, Object, Object, Object>() {});
        }
        if (className.equals(Reducer.class.getName()) && kind == Reducer.class) {
            return kind.cast(new Reducer<Object, Object, Object, Object>() {});
        }
        Class<?> cls = load(className, role);
        if (!kind.isAssignableFrom(cls)) {
            throw new IllegalArgumentException(role + " " + className + " is not a " + kind.getSimpleName());
        }
        try {
            return kind.cast(cls.getConstructor().newInstance());
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(role + " " + className + " has no public no-argument constructor");
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(role + " " + className + " constructor threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(role + " " + className + " cannot be created: " + e, e);
        }
    }

    private Class<?> load(String className, String role) {
        try {
            return Class.forName(className, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException(role + " class " + className + " was not found: " + e, e);
        }
    }
}
