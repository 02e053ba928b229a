package dev.quern.executor.output;

import dev.quern.api.Codec;
import dev.quern.api.Codecs;
import dev.quern.api.Text;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * TEXT output: {@code toText(key) TAB toText(value) LF} per record, UTF-8; a {@link Text} (with its
 * built-in codec) is written as its bytes, not decoded and encoded again, so bytes that are not UTF-8
 * go through unchanged, as {@code tr | sort | uniq -c} passes them.
 */
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
        int k = write(keyCodec, key);
        out.write('\t');
        int v = write(valueCodec, value);
        out.write('\n');
        bytes += k + v + 2;
        records++;
    }

    private int write(Codec<Object> codec, Object o) throws IOException {
        if (o instanceof Text t && (Object) codec instanceof Codecs.TextCodec) {
            out.write(t.bytes(), 0, t.length());
            return t.length();
        }
        byte[] b = codec.toText(o).getBytes(StandardCharsets.UTF_8);
        out.write(b);
        return b.length;
    }

    @Override public long bytes() { return bytes; }
    @Override public long records() { return records; }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
