package dev.quern.executor.merge;

import dev.quern.api.KeyComparator;
import java.io.IOException;
import java.util.Arrays;

/**
 * Cuts a sorted stream into groups of equal keys (by the grouping comparator) without buffering a
 * group: {@link #nextGroup()} moves to the first record of the next group, {@link #nextValue()} walks
 * the records of the current one. Only the group's first key is copied.
 */
public final class KeyGroups {

    private final RecordStream in;
    private final KeyComparator grouping;
    private byte[] groupKey = new byte[64];
    private int groupKeyLength;
    private boolean started;
    private boolean hasCurrent;      // the stream is on a record not yet handed out
    private boolean firstPending;    // that record is the first of the current group
    private boolean groupDone = true;
    private long records;

    public KeyGroups(RecordStream in, KeyComparator grouping) {
        this.in = in;
        this.grouping = grouping;
    }

    /** Skips what is left of the current group and moves to the next one; false at the end. */
    public boolean nextGroup() throws IOException {
        if (!started) {
            started = true;
            hasCurrent = in.next();
        }
        while (!groupDone) {
            nextValue();
        }
        if (!hasCurrent) {
            return false;
        }
        groupKeyLength = in.keyLength();
        if (groupKey.length < groupKeyLength) {
            groupKey = Arrays.copyOf(groupKey, Math.max(groupKeyLength, groupKey.length * 2));
        }
        System.arraycopy(in.keyBuffer(), in.keyOffset(), groupKey, 0, groupKeyLength);
        firstPending = true;
        groupDone = false;
        records++;
        return true;
    }

    /** The first key of the current group. */
    public byte[] groupKey() { return groupKey; }

    public int groupKeyLength() { return groupKeyLength; }

    /** Moves to the next record of the current group; the stream's current record is it. */
    public boolean nextValue() throws IOException {
        if (groupDone) {
            return false;
        }
        if (firstPending) {
            firstPending = false;
            return true;
        }
        hasCurrent = in.next();
        if (!hasCurrent || grouping.compare(groupKey, 0, groupKeyLength,
                in.keyBuffer(), in.keyOffset(), in.keyLength()) != 0) {
            groupDone = true;
            return false;
        }
        records++;
        return true;
    }

    /** Records in the groups so far, also those the consumer skipped. */
    public long records() {
        return records;
    }

    /** The stream positioned on the current record. */
    public RecordStream stream() {
        return in;
    }
}
