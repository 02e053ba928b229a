package dev.quern.workflow;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** What a step finds at its output directory before it runs. */
public enum OutputState {
    /** Nothing there: the step runs. */
    ABSENT,
    /** {@code OUT/_SUCCESS} exists: an earlier run wrote the whole output; the step is skipped. */
    COMPLETE,
    /** OUT exists without {@code _SUCCESS}: a run that stopped halfway, or not a job's output at all. */
    INCOMPLETE;

    /** The marker a job's commit creates last, once every part file is in place. */
    public static final String SUCCESS_MARKER = "_SUCCESS";

    public static OutputState of(Path output) {
        if (!Files.exists(output, LinkOption.NOFOLLOW_LINKS)) {
            return ABSENT;
        }
        return Files.isRegularFile(output.resolve(SUCCESS_MARKER)) ? COMPLETE : INCOMPLETE;
    }

    /** The error for an {@link #INCOMPLETE} output, naming the directory. */
    public static String incompleteMessage(Path output) {
        return "output directory " + output.toAbsolutePath() + " already exists and holds no " + SUCCESS_MARKER
                + " (an interrupted run, or not a job's output): it is left untouched; delete it or choose another";
    }
}
