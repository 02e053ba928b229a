package dev.quern.executor.reduce.run;

import dev.quern.executor.merge.RecordStream;
import dev.quern.executor.spill.Varints;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a run file (see the package doc): each record with its origin. The bytes go to
 * {@code NAME.tmp} and are renamed to {@code NAME} by {@link #commit()}, so a run file with its final
 * name is always whole.
 */
public final class RunFileWriter implements AutoCloseable {

    private final Path file;
    private final Path temp;
    private final OutputStream out;
    private final byte[] header = new byte[15];
    private long length;
    private long records;
    private boolean done;

    public RunFileWriter(Path file) throws IOException {
        this.file = file;
        this.temp = file.resolveSibling(file.getFileName() + ".tmp");
        this.out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
    }

    /** Drains {@code in} into the run file {@code file}; {@code in} is left at its end, not closed. */
    public static MergedRun writeAll(RecordStream in, Path file) throws IOException {
        try (RunFileWriter w = new RunFileWriter(file)) {
            while (in.next()) {
                w.append(in);
            }
            return w.commit();
        }
    }

    /** Appends the current record of {@code in}, with its origin. */
    public void append(RecordStream in) throws IOException {
        int n = Varints.write(header, 0, in.origin());
        n = Varints.write(header, n, in.keyLength());
        n = Varints.write(header, n, in.valueLength());
        out.write(header, 0, n);
        out.write(in.keyBuffer(), in.keyOffset(), in.keyLength());
        out.write(in.valueBuffer(), in.valueOffset(), in.valueLength());
        length += n + in.keyLength() + in.valueLength();
        records++;
    }

    /** Closes the file and gives it its final name. */
    public MergedRun commit() throws IOException {
        done = true;
        out.close();
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return new MergedRun(file, length, records);
    }

    /** Abandons an uncommitted file: closes and deletes the temporary bytes. */
    @Override
    public void close() throws IOException {
        if (!done) {
            done = true;
            try {
                out.close();
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }
}
