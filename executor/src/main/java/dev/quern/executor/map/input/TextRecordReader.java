package dev.quern.executor.map.input;

import dev.quern.api.Text;
import dev.quern.proto.Split;
import java.io.IOException;

/**
 * TEXT input: key = the line's byte offset in its file ({@code Long}), value = the line: a
 * {@code String}, or for a mapper that declares {@code Text} values one {@link Text} reused for every
 * line (a copy of the line's bytes, no decoding). A thin layer over {@link LineReader}, which does the
 * work: this is WordCount's hot path, so it adds nothing per line but the two calls.
 */
final class TextRecordReader implements RecordReader {

    private final LineReader lines;
    private final Split split;
    /** Null when the mapper takes Strings. */
    private final Text text;

    TextRecordReader(Split split, boolean textValues) throws IOException {
        this.lines = LineReader.open(split);
        this.split = split;
        this.text = textValues ? new Text() : null;
    }

    @Override public boolean next() throws IOException { return lines.next(); }
    @Override public Object key() { return lines.offset(); }

    @Override
    public Object value() {
        return text == null ? lines.line() : text.set(lines.buffer(), lines.lineStart(), lines.lineLength());
    }

    @Override public long bytesRead() { return lines.bytesRead(); }

    @Override
    public float progress() {
        return split.getLength() == 0 ? 1f : (float) lines.bytesRead() / split.getLength();
    }

    @Override
    public String where() {
        return "the line at " + split.getPath() + ":" + lines.offset();
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
