package dev.quern.executor.map.input;

import dev.quern.proto.InputSpec;
import dev.quern.proto.Split;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A combined split's records: each of its small files read whole, one after another, by the reader
 * of the input's format. Only one file is open at a time. Keys are as the format makes them in each
 * file (a TEXT key is the line's offset in its own file); {@link #currentFile()} tells the files apart.
 */
final class CombinedRecordReader implements RecordReader {

    private final InputSpec input;
    private final Split split;
    private final Class<?> mapperValueType;
    private int next;
    private RecordReader current;
    private Optional<Path> currentFile = Optional.empty(); // made once per file: a mapper may ask per record
    private long bytesOfClosedFiles;

    CombinedRecordReader(InputSpec input, Split split, Class<?> mapperValueType) {
        this.input = input;
        this.split = split;
        this.mapperValueType = mapperValueType;
    }

    @Override
    public boolean next() throws IOException {
        while (current == null || !current.next()) {
            if (current != null) {
                bytesOfClosedFiles += current.bytesRead();
                current.close();
                current = null;
            }
            if (next == split.getFilesCount()) {
                return false;
            }
            Split file = split.getFiles(next++);
            current = RecordReaders.open(input, file, mapperValueType);
            currentFile = Optional.of(Path.of(file.getPath()));
        }
        return true;
    }

    @Override public Object key() { return current.key(); }
    @Override public Object value() { return current.value(); }

    @Override
    public long bytesRead() {
        return bytesOfClosedFiles + (current == null ? 0 : current.bytesRead());
    }

    @Override
    public float progress() {
        return split.getLength() == 0 ? 1f : Math.min(1f, (float) bytesRead() / split.getLength());
    }

    @Override
    public String where() {
        return current == null ? "a combined split of " + split.getFilesCount() + " files" : current.where();
    }

    /** The file of the current record; empty before the first. */
    Optional<Path> currentFile() {
        return currentFile;
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
