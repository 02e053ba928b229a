package dev.quern.examples.terasort;

import dev.quern.api.Input;
import dev.quern.api.Job;
import dev.quern.api.Mapper;
import dev.quern.api.OutputFormat;
import dev.quern.api.Tool;
import dev.quern.api.Workflow;
import dev.quern.lib.InputSampler;
import dev.quern.lib.TotalOrderPartitioner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code sort [--samples K] IN OUT}: sorts 100-byte TeraSort records by their 10-byte key, into R
 * part files (R from {@code --reducers}) whose concatenation in order is the whole input sorted.
 *
 * <p>At plan time, in the client, {@link InputSampler} reads K keys (10,000 by default) at evenly
 * spaced records of IN and picks R-1 boundaries; {@link TotalOrderPartitioner} sends each key to the
 * reducer of its range. Map and reduce are the identity; keys sort as unsigned bytes; records with
 * equal keys keep their input order. The output is RAW: the records as they came, back to back.
 */
public final class TeraSort implements Tool {

    public static final String USAGE = "usage: sort [--samples K] IN OUT";
    private static final long DEFAULT_SAMPLES = 10_000;

    @Override
    public Workflow plan(List<String> args, int reducers) {
        return Workflow.of(job(args, reducers));
    }

    /** The job of {@code sort ARGS} with {@code reducers} reducers; reads IN's sample keys. */
    public static Job job(List<String> args, int reducers) {
        ToolArgs a = ToolArgs.parse(args, Set.of("--samples"), 2, USAGE);
        long samples = a.count("--samples", DEFAULT_SAMPLES, 1, USAGE);
        if (samples > 10_000_000) {
            throw new IllegalArgumentException("--samples must be <= 10000000 (they are held in the client), got " + samples);
        }
        if (reducers < 1) {
            throw new IllegalArgumentException("sort needs at least one reducer, got " + reducers + "; " + USAGE);
        }
        Input input = Input.fixedLength(TeraRecords.RECORD_BYTES, TeraRecords.KEY_BYTES, Path.of(a.positional().get(0)));
        List<byte[]> boundaries;
        try {
            boundaries = InputSampler.boundaries(InputSampler.sample(input, (int) samples), reducers);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sample " + input + ": " + e.getMessage(), e);
        }
        return Job.builder("sort")
                .input(input)
                .mapper(IdentityMapper.class)
                .mapOutput(byte[].class, byte[].class)
                .partitioner(TotalOrderPartitioner.class)
                .set(TotalOrderPartitioner.BOUNDARIES, TotalOrderPartitioner.encode(boundaries))
                .reducers(reducers)
                .outputFormat(OutputFormat.RAW)
                .output(Path.of(a.positional().get(1)))
                .build();
    }

    /** Writes each record as it is read. */
    public static final class IdentityMapper extends Mapper<byte[], byte[], byte[], byte[]> {}
}
