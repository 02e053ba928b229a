package dev.quern.executor.output;

import dev.quern.api.Codec;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** TEXT output: {@code toText(key) TAB toText(value) LF} per record, UTF-8. */
final class TextOutputWriter implements OutputWriter {

    private final OutputStream out;
    private final Codec<Object> keyCodec;
    private final Codec<Object> valueCodec;
    private long bytes;
    private long records;

    TextOutputWriter(Path file, Codec<Object> keyCodec, Codec<Object> valueCodec) throws IOException {
        this.out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE_NEW), 1 << 16);
        this.keyCodec = keyCodec;
        this.valueCodec = valueCodec;
    }

    @Override
    public void write(Object key, Object value) throws IOException {
        byte[] k = keyCodec.toText(key).getBytes(StandardCharsets.UTF_8);
        byte[] v = valueCodec.toText(value).getBytes(StandardCharsets.UTF_8);
        out.write(k);
        out.write('\t');
        out.write(v);
        out.write('\n');
        bytes += k.length + v.length + 2;
        records++;
    }

    @Override public long bytes() { return bytes; }
    @Override public long records() { return records; }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
