package dev.quern.testing;

import dev.quern.api.Codec;
import dev.quern.api.Codecs;
import dev.quern.api.Context;
import dev.quern.api.Counter;
import dev.quern.api.HashPartitioner;
import dev.quern.api.Input;
import dev.quern.api.Job;
import dev.quern.api.Mapper;
import dev.quern.api.Reducer;
import dev.quern.api.Text;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The oracle of the end-to-end tests: runs a {@link Job} in one thread with nothing but the user API
 * (no engine code): read every line, map, sort by serialized key (stable), group, reduce. No
 * combiner: a correct combiner must not change the result. Returns each partition's output lines.
 */
public final class SequentialRunner {

    private record Rec(byte[] key, Object keyObj, Object value) {}

    private SequentialRunner() {}

    @SuppressWarnings("unchecked")
    public static List<List<String>> run(Job job) throws Exception {
        Codec<Object> keyCodec = (Codec<Object>) builtIn(job.mapOutputKeyType());
        Codec<Object> valueCodec = (Codec<Object>) builtIn(job.mapOutputValueType());
        Codec<Object> outKey = (Codec<Object>) builtIn(job.outputKeyType());
        Codec<Object> outValue = (Codec<Object>) builtIn(job.outputValueType());
        List<Rec> records = new ArrayList<>();
        for (Input input : job.inputs()) {
            Mapper<Object, Object, Object, Object> mapper = (Mapper<Object, Object, Object, Object>) create(input.mapperClass());
            // Kept as decoded copies: a mapper may write one reused object (a Text) again and again.
            Context<Object, Object> ctx = context((k, v) -> {
                byte[] key = encode(keyCodec, k);
                byte[] value = encode(valueCodec, v);
                records.add(new Rec(key, keyCodec.read(key, 0, key.length), valueCodec.read(value, 0, value.length)));
            });
            boolean text = takesText(mapper);
            mapper.setup(ctx);
            for (Path file : files(input.paths())) {
                byte[] bytes = Files.readAllBytes(file);
                int start = 0;
                while (start < bytes.length) {
                    int nl = start;
                    while (nl < bytes.length && bytes[nl] != '\n') {
                        nl++;
                    }
                    // "\r\n" ends a line as "\n" does; a lone '\r' is part of the line.
                    int end = nl < bytes.length && nl > start && bytes[nl - 1] == '\r' ? nl - 1 : nl;
                    mapper.map((long) start, text ? new Text().set(bytes, start, end - start)
                            : new String(bytes, start, end - start, StandardCharsets.UTF_8), ctx);
                    start = nl + 1;
                }
            }
            mapper.cleanup(ctx);
        }
        List<Rec> sorted = new ArrayList<>(records);
        sorted.sort((a, b) -> Arrays.compareUnsigned(a.key(), b.key())); // List.sort is stable
        List<List<String>> parts = new ArrayList<>();
        for (int r = 0; r < job.reducers(); r++) {
            parts.add(new ArrayList<>());
        }
        Reducer<Object, Object, Object, Object> reducer = (Reducer<Object, Object, Object, Object>) create(job.reducerClass());
        HashPartitioner partitioner = new HashPartitioner();
        int[] current = new int[1];
        Context<Object, Object> out = context((k, v) -> parts.get(current[0]).add(outKey.toText(k) + "\t" + outValue.toText(v)));
        reducer.setup(out);
        for (int i = 0; i < sorted.size(); ) {
            int j = i;
            while (j < sorted.size() && Arrays.equals(sorted.get(j).key(), sorted.get(i).key())) {
                j++;
            }
            byte[] key = sorted.get(i).key();
            current[0] = partitioner.partition(key, 0, key.length, job.reducers());
            reducer.reduce(sorted.get(i).keyObj(), sorted.subList(i, j).stream().map(Rec::value).toList(), out);
            i = j;
        }
        reducer.cleanup(out);
        return parts;
    }

    /** A mapper whose own map method takes a Text value gets Text lines; any other, Strings. */
    private static boolean takesText(Mapper<?, ?, ?, ?> mapper) {
        return Arrays.stream(mapper.getClass().getMethods())
                .anyMatch(m -> m.getName().equals("map") && !m.isBridge() && m.getParameterCount() == 3
                        && m.getParameterTypes()[1] == Text.class);
    }

    private static List<Path> files(List<Path> roots) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile)
                        .filter(p -> !p.getFileName().toString().startsWith(".") && !p.getFileName().toString().startsWith("_"))
                        .forEach(files::add);
            }
        }
        files.sort(Comparator.comparing(Path::toString));
        return files;
    }

    private static byte[] encode(Codec<Object> codec, Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            codec.write(value, out);
        }
        return bytes.toByteArray();
    }

    private static Codec<?> builtIn(String type) throws ClassNotFoundException {
        return Codecs.builtIn(Class.forName(type)).orElseThrow();
    }

    private static Object create(String className) throws ReflectiveOperationException {
        return Class.forName(className).getConstructor().newInstance();
    }

    private interface Sink {
        void write(Object k, Object v) throws IOException;
    }

    private static Context<Object, Object> context(Sink sink) {
        return new Context<>() {
            @Override public void write(Object key, Object value) throws IOException { sink.write(key, value); }
            @Override public Counter counter(String group, String name) {
                return new Counter() {
                    @Override public void increment(long delta) {}
                    @Override public long value() { return 0; }
                };
            }
            @Override public Map<String, String> configuration() { return Map.of(); }
            @Override public String taskId() { return "m-00000"; }
            // Not a first attempt: probes that fail first attempts on purpose run cleanly here.
            @Override public String attemptId() { return "m-00000.2"; }
        };
    }
}
