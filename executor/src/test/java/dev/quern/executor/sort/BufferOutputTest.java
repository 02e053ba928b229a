package dev.quern.executor.sort;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BufferOutputTest {

    /** The codecs' bytes must not depend on which DataOutput wrote them: the oracle is java.io's. */
    @Test
    void writesTheSameBytesAsDataOutputStream() throws IOException {
        Random random = new Random(3);
        BufferOutput out = new BufferOutput(16); // small: the writes below make it grow
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream oracle = new DataOutputStream(bytes);
        for (int i = 0; i < 1000; i++) {
            long v = i < 4 ? new long[] {0, -1, Long.MIN_VALUE, Long.MAX_VALUE}[i] : random.nextLong();
            switch (i % 5) {
                case 0 -> { out.writeLong(v); oracle.writeLong(v); }
                case 1 -> { out.writeInt((int) v); oracle.writeInt((int) v); }
                case 2 -> { out.writeShort((int) v); oracle.writeShort((int) v); }
                case 3 -> { out.writeDouble(Double.longBitsToDouble(v)); oracle.writeDouble(Double.longBitsToDouble(v)); }
                default -> { out.write((int) v); oracle.write((int) v); }
            }
        }
        assertThat(Arrays.copyOf(out.array(), out.size())).isEqualTo(bytes.toByteArray());
    }
}
