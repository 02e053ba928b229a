package dev.quern.executor.spill;

/** Unsigned LEB128 varints for the non-negative lengths in a record header. */
public final class Varints {

    private Varints() {}

    /** Writes {@code value} at {@code buf[pos]} and returns the position after it. */
    public static int write(byte[] buf, int pos, int value) {
        while ((value & ~0x7f) != 0) {
            buf[pos++] = (byte) ((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        buf[pos++] = (byte) value;
        return pos;
    }

    public static int size(int value) {
        int size = 1;
        while ((value & ~0x7f) != 0) {
            value >>>= 7;
            size++;
        }
        return size;
    }
}
