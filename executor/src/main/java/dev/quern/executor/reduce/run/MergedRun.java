package dev.quern.executor.reduce.run;

import static java.util.Objects.requireNonNull;

import dev.quern.executor.merge.RecordStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A run file written by a reduce-side merge ({@link RunFileWriter}): records tagged with their origin. */
public record MergedRun(Path file, long length, long records) implements SortedRun {

    public MergedRun {
        requireNonNull(file, "file is null");
    }

    @Override public boolean inMemory() { return false; }

    @Override
    public RecordStream open() throws IOException {
        return RunFileReader.open(file, length);
    }

    @Override
    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }
}
