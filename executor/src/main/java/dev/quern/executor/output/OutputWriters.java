package dev.quern.executor.output;

import dev.quern.api.Codec;
import dev.quern.proto.JobSpec;
import java.io.IOException;
import java.nio.file.Path;

/** Creates the {@link OutputWriter} of a job's output format. */
public final class OutputWriters {

    private OutputWriters() {}

    /** Creates {@code file} (which must not exist) for records of the given codecs. */
    public static OutputWriter create(JobSpec.OutputFormat format, Path file, Codec<Object> keyCodec, Codec<Object> valueCodec)
            throws IOException {
        return switch (format) {
            case OUTPUT_TEXT -> new TextOutputWriter(file, keyCodec, valueCodec);
            case OUTPUT_RAW -> new RawOutputWriter(file, keyCodec, valueCodec);
            case UNRECOGNIZED -> throw new IllegalArgumentException("unknown output format in the job spec (checked at submit)");
        };
    }
}
