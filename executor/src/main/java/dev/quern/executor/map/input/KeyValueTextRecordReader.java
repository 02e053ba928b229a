package dev.quern.executor.map.input;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.quern.proto.Split;
import java.io.IOException;

/**
 * KEY_VALUE_TEXT input, the {@code key<TAB>value} lines that TEXT output writes: key = the line up
 * to its first tab, value = the rest after that tab (both {@code String}); a line without a tab is
 * all key, with the value {@code ""}. The tab is found in the line's bytes before decoding: in UTF-8
 * the byte 0x09 is only ever a tab, never part of another character.
 */
final class KeyValueTextRecordReader implements RecordReader {

    private final LineReader lines;
    private final Split split;
    private String key;
    private String value;

    KeyValueTextRecordReader(Split split) throws IOException {
        this.lines = LineReader.open(split);
        this.split = split;
    }

    @Override
    public boolean next() throws IOException {
        if (!lines.next()) {
            return false;
        }
        byte[] bytes = lines.buffer();
        int start = lines.lineStart();
        int end = start + lines.lineLength();
        int tab = start;
        while (tab < end && bytes[tab] != '\t') {
            tab++;
        }
        key = new String(bytes, start, tab - start, UTF_8);
        value = tab < end ? new String(bytes, tab + 1, end - tab - 1, UTF_8) : "";
        return true;
    }

    @Override public Object key() { return key; }
    @Override public Object value() { return value; }
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
