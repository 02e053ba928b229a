package dev.quern.examples.terasort;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one map of {@link TeraValidate} found in its split: how many records, the sum of their CRC32s,
 * the first and last keys, and the records whose key is below the one before (the first
 * {@value TeraValidate#ERRORS_KEPT}, all counted). Travels to the reducer as bytes:
 *
 * <pre>
 *  records u64 | checksum u64 | unsorted u64 | first key (u16 length, bytes) | last key (same)
 *  | errors u32 | errors x (index u64 | key (u16 length, bytes) | previous key (same))
 * </pre>
 */
final class SplitSummary {

    /** Record {@code index} of the split (from 0) has {@code key} below the record before, {@code previous}. */
    record Error(long index, byte[] key, byte[] previous) {}

    private long records;
    private long checksum;
    private long unsorted;
    private byte[] firstKey = new byte[0];
    private byte[] lastKey = new byte[0];
    private final List<Error> errors = new ArrayList<>();

    /** The next record of the split: its key and the CRC32 of all its bytes. */
    void add(byte[] key, long crc) {
        if (records == 0) {
            firstKey = key;
        } else if (Arrays.compareUnsigned(lastKey, key) > 0) {
            unsorted++;
            if (errors.size() < TeraValidate.ERRORS_KEPT) {
                errors.add(new Error(records, key, lastKey));
            }
        }
        lastKey = key; // the reader hands a new array per record
        checksum += crc;
        records++;
    }

    long records() { return records; }
    long checksum() { return checksum; }
    long unsorted() { return unsorted; }
    byte[] firstKey() { return firstKey; }
    byte[] lastKey() { return lastKey; }
    List<Error> errors() { return errors; }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(records);
            out.writeLong(checksum);
            out.writeLong(unsorted);
            writeKey(out, firstKey);
            writeKey(out, lastKey);
            out.writeInt(errors.size());
            for (Error e : errors) {
                out.writeLong(e.index());
                writeKey(out, e.key());
                writeKey(out, e.previous());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    static SplitSummary decode(byte[] bytes) {
        SplitSummary s = new SplitSummary();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            s.records = in.readLong();
            s.checksum = in.readLong();
            s.unsorted = in.readLong();
            s.firstKey = readKey(in);
            s.lastKey = readKey(in);
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                s.errors.add(new Error(in.readLong(), readKey(in), readKey(in)));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("a split summary of " + bytes.length + " bytes is malformed: " + e, e);
        }
        return s;
    }

    private static void writeKey(DataOutputStream out, byte[] key) throws IOException {
        out.writeShort(key.length);
        out.write(key);
    }

    private static byte[] readKey(DataInputStream in) throws IOException {
        byte[] key = new byte[in.readUnsignedShort()];
        in.readFully(key);
        return key;
    }
}
