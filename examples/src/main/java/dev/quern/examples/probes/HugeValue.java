package dev.quern.examples.probes;

import dev.quern.api.Context;
import dev.quern.api.Job;
import dev.quern.api.Mapper;
import dev.quern.api.Reducer;
import dev.quern.api.Tool;
import dev.quern.api.Workflow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code mr local dev.quern.examples.probes.HugeValue IN OUT [MiB]}: the first line of each split
 * yields one value of MiB mebibytes (default 64) under the key {@code huge}; the reducer writes the
 * key and each value's length. A record larger than the sort buffer must not run out of memory.
 */
public final class HugeValue implements Tool {

    /** One huge value per map task. */
    public static final class HugeMapper extends Mapper<Long, String, String, String> {
        private boolean done;

        @Override
        public void map(Long offset, String line, Context<String, String> context) throws IOException {
            if (!done) {
                done = true;
                int mib = Integer.parseInt(context.get("probe.huge.mib", "64"));
                context.write("huge", "x".repeat(mib << 20));
            }
        }
    }

    /** (huge, values) to (huge, length of each value). */
    public static final class LengthReducer extends Reducer<String, String, String, Long> {
        @Override
        public void reduce(String key, Iterable<String> values, Context<String, Long> context) throws IOException {
            for (String v : values) {
                context.write(key, (long) v.length());
            }
        }
    }

    @Override
    public Workflow plan(List<String> args, int reducers) {
        return Workflow.of(Job.builder("huge-value").input(Path.of(args.get(0))).mapper(HugeMapper.class)
                .reducer(LengthReducer.class).mapOutput(String.class, String.class).outputTypes(String.class, Long.class)
                .reducers(reducers).output(Path.of(args.get(1)))
                .set("probe.huge.mib", args.size() > 2 ? args.get(2) : "64").build());
    }
}
