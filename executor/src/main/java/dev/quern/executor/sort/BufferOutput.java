package dev.quern.executor.sort;

import java.io.DataOutput;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/** A {@link DataOutput} that appends to a growable byte array, for codecs to serialize into. */
public final class BufferOutput implements DataOutput {

    private byte[] buf;
    private int size;

    public BufferOutput(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public byte[] array() { return buf; }
    public int size() { return size; }
    public void reset() { size = 0; }

    /** Truncates to {@code newSize} bytes: undoes a record whose serialization threw. */
    public void truncate(int newSize) {
        size = newSize;
    }

    public void ensure(int extra) {
        if (size + extra > buf.length) {
            // Grow by a quarter, not double: a sort buffer is sized to its budget and only one
            // oversized record should push past it.
            long wanted = Math.max(buf.length + (buf.length >> 2), (long) size + extra);
            if (wanted > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("a serialized record batch cannot exceed 2 GiB");
            }
            buf = Arrays.copyOf(buf, (int) wanted);
        }
    }

    @Override
    public void write(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b) {
        write(b, 0, b.length);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    @Override public void writeBoolean(boolean v) { write(v ? 1 : 0); }
    @Override public void writeByte(int v) { write(v); }
    @Override public void writeShort(int v) { writeBigEndian(v, 2); }
    @Override public void writeChar(int v) { writeBigEndian(v, 2); }

    // One 4- or 8-byte store each: Java 17's C2 does not merge a loop of byte stores, and every
    // map output value of a count goes through writeLong.
    @Override
    public void writeInt(int v) {
        ensure(4);
        INTS.set(buf, size, v);
        size += 4;
    }

    @Override
    public void writeLong(long v) {
        ensure(8);
        LONGS.set(buf, size, v);
        size += 8;
    }

    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    @Override public void writeFloat(float v) { writeInt(Float.floatToIntBits(v)); }
    @Override public void writeDouble(double v) { writeLong(Double.doubleToLongBits(v)); }

    @Override
    @SuppressWarnings("deprecation") // the low byte of each char is what writeBytes means; this copy is an intrinsic
    public void writeBytes(String s) {
        int n = s.length();
        ensure(n);
        s.getBytes(0, n, buf, size);
        size += n;
    }

    @Override
    public void writeChars(String s) {
        for (int i = 0; i < s.length(); i++) {
            writeChar(s.charAt(i));
        }
    }

    /** Modified UTF-8 with a 2-byte length, as {@link java.io.DataOutputStream#writeUTF} writes it. */
    @Override
    public void writeUTF(String s) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeUTF(s);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("string too long for writeUTF: " + s.length() + " chars", e);
        }
        write(bytes.toByteArray());
    }

    private void writeBigEndian(long v, int bytes) {
        ensure(bytes);
        for (int i = bytes - 1; i >= 0; i--) {
            buf[size++] = (byte) (v >>> (8 * i));
        }
    }
}
