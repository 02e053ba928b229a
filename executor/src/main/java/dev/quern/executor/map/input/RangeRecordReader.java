package dev.quern.executor.map.input;

import dev.quern.proto.Split;

/**
 * RANGE input: the split's numbers {@code [start, start + length)} in order, key = the number,
 * value = the whole range's count (both {@code Long}), so a mapper knows how many there are in all.
 * Reads no file.
 */
final class RangeRecordReader implements RecordReader {

    private final long start;
    private final long end;
    private final Long count;
    private long current;

    RangeRecordReader(Split split, long count) {
        if (split.getStart() < 0 || split.getLength() < 0 || split.getStart() > count - split.getLength()) {
            throw new IllegalArgumentException("range split [" + split.getStart() + ", +" + split.getLength()
                    + ") is not inside [0, " + count + ")");
        }
        this.start = split.getStart();
        this.end = start + split.getLength();
        this.count = count;
        this.current = start - 1;
    }

    @Override
    public boolean next() {
        if (current + 1 >= end) {
            current = end;
            return false;
        }
        current++;
        return true;
    }

    @Override public Object key() { return current; }
    @Override public Object value() { return count; }
    @Override public long bytesRead() { return 0; }

    @Override
    public float progress() {
        return end == start ? 1f : (float) (Math.min(current + 1, end) - start) / (end - start);
    }

    @Override
    public String where() {
        return "number " + current + " of the range [" + start + ", " + end + ")";
    }

    @Override
    public void close() {}
}
