package dev.quern.executor.output;

import dev.quern.api.Codec;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * RAW output: the key's bytes then the value's, exactly as their codecs write them, and nothing
 * between records. For {@code byte[]} keys and values this gives back fixed-length records.
 */
final class RawOutputWriter implements OutputWriter {

    /** Counts what passes, as a long (DataOutputStream's own count stops at 2 GiB). */
    private static final class Counting extends FilterOutputStream {
        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }

    private final Counting counting;
    private final DataOutputStream out;
    private final Codec<Object> keyCodec;
    private final Codec<Object> valueCodec;
    private long records;

    RawOutputWriter(Path file, Codec<Object> keyCodec, Codec<Object> valueCodec) throws IOException {
        this.counting = new Counting(new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE_NEW), 1 << 16));
        this.out = new DataOutputStream(counting);
        this.keyCodec = keyCodec;
        this.valueCodec = valueCodec;
    }

    @Override
    public void write(Object key, Object value) throws IOException {
        keyCodec.write(key, out);
        valueCodec.write(value, out);
        records++;
    }

    @Override public long bytes() { return counting.count; }
    @Override public long records() { return records; }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
