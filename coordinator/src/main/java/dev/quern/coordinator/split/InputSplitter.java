package dev.quern.coordinator.split;

import dev.quern.proto.InputSpec;
import dev.quern.proto.Split;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts one input of a job into splits by its format: line-aligned for TEXT and KEY_VALUE_TEXT,
 * record-aligned for FIXED_LENGTH, ranges of numbers for RANGE. {@link #problems} checks an input's
 * settings first, so that a bad one is refused with every problem named before anything is read.
 */
public final class InputSplitter {

    /**
     * More map tasks than this from one RANGE input is a mistake (a count typed as the split count),
     * and would fill the coordinator's memory with tasks before anything ran.
     */
    static final int MAX_RANGE_SPLITS = 1 << 20;

    private static final TextSplitter TEXT = new TextSplitter();

    private InputSplitter() {}

    /** Every problem with input {@code index}'s settings; empty when it can be split. */
    public static List<String> problems(InputSpec input, int index) {
        List<String> problems = new ArrayList<>();
        String name = "input " + index + " " + input.getPathsList();
        switch (input.getFormat()) {
            case TEXT, KEY_VALUE_TEXT -> requirePaths(input, name, problems);
            case FIXED_LENGTH -> {
                requirePaths(input, name, problems);
                if (input.getRecordBytes() < 1 || input.getKeyBytes() < 0 || input.getKeyBytes() > input.getRecordBytes()) {
                    problems.add(name + ": fixed-length records need record_bytes >= 1 and 0 <= key_bytes <= record_bytes, got record_bytes="
                            + input.getRecordBytes() + " key_bytes=" + input.getKeyBytes());
                }
            }
            case RANGE -> {
                name = "input " + index + " (a range)";
                if (input.getPathsCount() > 0) {
                    problems.add(name + " reads no files, but names " + input.getPathsList());
                }
                if (input.getRangeCount() < 0) {
                    problems.add(name + ": range_count must be >= 0, got " + input.getRangeCount());
                }
                if (input.getRangeSplits() < 1 || input.getRangeSplits() > MAX_RANGE_SPLITS) {
                    problems.add(name + ": range_splits must be in [1, " + MAX_RANGE_SPLITS + "], got " + input.getRangeSplits());
                }
            }
            case FORMAT_UNSPECIFIED -> problems.add(name + " has no input format");
            case UNRECOGNIZED -> problems.add(name + " has an unknown input format " + input.getFormatValue());
        }
        return problems;
    }

    /**
     * The input's splits, in file order (files sorted by path) or number order.
     *
     * @throws IllegalArgumentException if an input path does not exist or is unreadable
     * @throws InputRefusedException if a file cannot be read in the input's format
     * @throws IOException if the files cannot be listed or sized
     */
    public static List<Split> split(InputSpec input, int index, long splitSize) throws IOException, InputRefusedException {
        List<Split> splits = new ArrayList<>();
        switch (input.getFormat()) {
            case TEXT, KEY_VALUE_TEXT -> {
                for (Path file : InputLister.listStrings(input.getPathsList())) {
                    splits.addAll(TEXT.split(file, index, splitSize));
                }
            }
            case FIXED_LENGTH -> {
                for (Path file : InputLister.listStrings(input.getPathsList())) {
                    splits.addAll(FixedLengthSplitter.split(file, index, splitSize, input.getRecordBytes()));
                }
            }
            case RANGE -> splits.addAll(RangeSplitter.split(input.getRangeCount(), input.getRangeSplits(), index));
            case FORMAT_UNSPECIFIED, UNRECOGNIZED -> throw new IllegalStateException("input " + index + " was not checked: " + problems(input, index));
        }
        return splits;
    }

    private static void requirePaths(InputSpec input, String name, List<String> problems) {
        if (input.getPathsCount() == 0) {
            problems.add(name + " names no files");
        }
    }
}
