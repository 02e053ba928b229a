package dev.quern.executor.sort;

/**
 * Serialized map output records waiting to be sorted and spilled, in two rings allocated once: the
 * bytes of each record (key then value, contiguous), and per record four ints of metadata. The
 * mapper appends at the tail; a spill takes every record appended since the last one as a
 * {@link Region}, which stays untouched until it is {@link #release}d, while the mapper goes on
 * appending into the free part. See package-info for the layout.
 *
 * <p>Not thread-safe: the mapper's thread calls every method. A spill thread reads a region's
 * records (through {@link RegionSorter}) between {@link #takeRegion} and {@link #release}; the hand-over
 * of the region and of its end must give happens-before (a {@code Future} does).
 */
public final class SortBuffer {

    static final int META_INTS = 4;
    static final int PARTITION = 0;
    static final int KEY_START = 1;
    static final int KEY_LENGTH = 2;
    static final int VALUE_LENGTH = 3;
    /** Data bytes per metadata byte: records of ~16 bytes and more fill the data ring first. */
    private static final int DATA_SHARE = 1;

    /** Records {@code [firstSlot, firstSlot + records)} of the metadata ring (modulo its capacity). */
    public record Region(int firstSlot, int records) {}

    private final byte[] data;
    private final int[] meta;
    private final int slots;
    private final long thresholdBytes;
    private final int thresholdRecords;
    // INVARIANT: count == 0 implies head == tail == firstSlot == 0. Otherwise head is the first byte of
    // the record in firstSlot, and the data in use runs from head to tail, wrapping past the end of the
    // array when tail < head (the bytes between the last record before the wrap and the end are unused);
    // tail == head with records means full (zero-byte records can make it say so early: a spill sooner).
    private int head;
    private int tail;
    private int firstSlot;
    private int count;
    /** Records of the region taken and not yet released: 0 or the region's size. */
    private int taken;
    private long wraps;

    /**
     * @param budgetBytes memory for both rings
     * @param spillPercent how full (of data or of metadata) the buffer is when {@link #pastThreshold} says to spill
     */
    public SortBuffer(long budgetBytes, double spillPercent) {
        if (!(spillPercent > 0 && spillPercent <= 100)) {
            throw new IllegalArgumentException("spill percent must be in (0, 100], got " + spillPercent);
        }
        long clamped = Math.max(4096, Math.min(budgetBytes, Integer.MAX_VALUE - 64L));
        int dataBytes = (int) (clamped * DATA_SHARE / (DATA_SHARE + 1));
        this.slots = (int) Math.max(16, (clamped - dataBytes) / (META_INTS * Integer.BYTES));
        this.data = new byte[dataBytes];
        this.meta = new int[slots * META_INTS];
        this.thresholdBytes = Math.max(1, (long) (dataBytes * spillPercent / 100));
        this.thresholdRecords = (int) Math.max(1, slots * spillPercent / 100);
    }

    /**
     * Forgets every record, a region taken included: the buffer is as a new one of the same size
     * (the bytes stay, unread: a record's bytes are always written before its metadata points at
     * them). For a buffer reused by another map attempt, once nothing reads it any more.
     */
    public void reset() {
        head = 0;
        tail = 0;
        firstSlot = 0;
        count = 0;
        taken = 0;
        wraps = 0;
    }

    /** True when a record of {@code bytes} bytes can be appended now without overwriting a record. */
    public boolean fits(int bytes) {
        return placement(bytes) >= 0;
    }

    /** Where a record of {@code n} bytes would go, or -1. */
    private int placement(int n) {
        if (count == slots) {
            return -1;
        }
        if (count == 0) {
            return n <= data.length ? 0 : -1;
        }
        if (tail > head) {
            return tail <= data.length - n ? tail : (n <= head ? 0 : -1); // at the tail, else wrap to the start
        }
        return tail < head && n <= head - tail ? tail : -1;
    }

    /** Appends a record; the caller has checked {@link #fits}. */
    public void append(int partition, byte[] b, int keyOffset, int keyLength, int valueOffset, int valueLength) {
        int n = keyLength + valueLength;
        int at = placement(n);
        if (at < 0) {
            throw new IllegalStateException("no room for a record of " + n + " bytes: check fits() first");
        }
        if (count > 0 && at < tail) {
            wraps++;
        }
        System.arraycopy(b, keyOffset, data, at, keyLength);
        System.arraycopy(b, valueOffset, data, at + keyLength, valueLength);
        int slot = firstSlot + count;
        int m = (slot >= slots ? slot - slots : slot) * META_INTS;
        meta[m + PARTITION] = partition;
        meta[m + KEY_START] = at;
        meta[m + KEY_LENGTH] = keyLength;
        meta[m + VALUE_LENGTH] = valueLength;
        if (count == 0) {
            head = at;
        }
        tail = at + n;
        count++;
    }

    /** Records appended and not yet released. */
    public int records() { return count; }

    /** Records appended since the last region was taken. */
    public int unspilled() { return count - taken; }

    /** Data bytes between the oldest record and the tail, a gap before a wrap included. */
    public long usedBytes() {
        if (count == 0) {
            return 0;
        }
        return tail > head ? tail - head : data.length - head + tail;
    }

    /** Bytes of the data ring: a record larger than this can never be appended. */
    public int capacityBytes() { return data.length; }

    /** Record slots of the metadata ring. */
    public int capacityRecords() { return slots; }

    /** How often a record went to the start of the data ring instead of the end (for tests). */
    public long wraps() { return wraps; }

    /** The buffer is as full as the spill threshold, in data or in records: time to start a spill. */
    public boolean pastThreshold() {
        return usedBytes() >= thresholdBytes || count >= thresholdRecords;
    }

    /** Every record appended since the last region, to spill; one region at a time. */
    public Region takeRegion() {
        if (taken != 0) {
            throw new IllegalStateException("a region of " + taken + " records is still being spilled");
        }
        taken = count;
        return new Region(firstSlot, count);
    }

    /** Frees a spilled region's memory for new records. */
    public void release(Region region) {
        if (region.firstSlot() != firstSlot || region.records() != taken) {
            throw new IllegalStateException("release of " + region + " but the region taken is " + new Region(firstSlot, taken));
        }
        count -= taken;
        taken = 0;
        if (count == 0) {
            head = 0;
            tail = 0;
            firstSlot = 0;
            return;
        }
        firstSlot += region.records();
        if (firstSlot >= slots) {
            firstSlot -= slots;
        }
        head = meta[firstSlot * META_INTS + KEY_START];
    }

    byte[] data() { return data; }
    int[] meta() { return meta; }
}
