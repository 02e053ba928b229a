package dev.quern.executor.map.input;

import dev.quern.api.Text;
import dev.quern.proto.InputSpec;
import dev.quern.proto.Split;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/** Opens the {@link RecordReader} of an input's format on one of its splits. */
public final class RecordReaders {

    private RecordReaders() {}

    /**
     * @throws IllegalArgumentException if the format is not one the executor knows, or the split
     *     does not fit it (the coordinator checks both at submit, so this means a mismatched peer)
     * @throws IOException if the split's file cannot be opened; the message names it
     */
    public static RecordReader open(InputSpec input, Split split) throws IOException {
        return open(input, split, Object.class);
    }

    /**
     * As {@link #open(InputSpec, Split)}, for a mapper whose declared input value type is
     * {@code mapperValueType} (see {@code MapperTypes}): {@code Text} makes TEXT input hand out
     * {@link Text} lines instead of {@code String}s.
     */
    public static RecordReader open(InputSpec input, Split split, Class<?> mapperValueType) throws IOException {
        if (split.getFilesCount() > 0) {
            if (input.getFormat() == InputSpec.Format.RANGE) {
                throw new IllegalArgumentException("input " + split.getInputIndex() + " is a RANGE, but its split combines "
                        + split.getFilesCount() + " files");
            }
            return new CombinedRecordReader(input, split, mapperValueType);
        }
        return switch (input.getFormat()) {
            case TEXT -> new TextRecordReader(split, mapperValueType == Text.class);
            case KEY_VALUE_TEXT -> new KeyValueTextRecordReader(split);
            case FIXED_LENGTH -> new FixedLengthRecordReader(split, input.getRecordBytes(), input.getKeyBytes());
            case RANGE -> new RangeRecordReader(split, input.getRangeCount());
            case FORMAT_UNSPECIFIED, UNRECOGNIZED -> throw new IllegalArgumentException(
                    "input " + split.getInputIndex() + " has no input format the executor knows: " + input.getFormatValue());
        };
    }

    /** What {@code Context.inputFile()} answers while {@code records}, opened on {@code split}, reads it. */
    public static Supplier<Optional<Path>> inputFile(Split split, RecordReader records) {
        if (records instanceof CombinedRecordReader combined) {
            return combined::currentFile;
        }
        Optional<Path> file = split.getPath().isEmpty() ? Optional.empty() : Optional.of(Path.of(split.getPath()));
        return () -> file;
    }
}
