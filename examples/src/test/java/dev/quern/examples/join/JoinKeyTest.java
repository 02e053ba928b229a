package dev.quern.examples.join;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.api.HashPartitioner;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The secondary-sort parts of {@link JoinKey}, on bytes. */
class JoinKeyTest {

    private static byte[] bytes(String user, byte tag) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        new JoinKey.KeyCodec().write(new JoinKey(user, tag), new DataOutputStream(b));
        return b.toByteArray();
    }

    private static int sort(byte[] a, byte[] b) {
        return Integer.signum(new JoinKey.SortComparator().compare(a, 0, a.length, b, 0, b.length));
    }

    private static int group(byte[] a, byte[] b) {
        return Integer.signum(new JoinKey.GroupingComparator().compare(a, 0, a.length, b, 0, b.length));
    }

    @Test
    void profileBeforeEventsOfTheSameUserAndUsersInByteOrder() throws Exception {
        assertThat(sort(bytes("u1", JoinKey.PROFILE), bytes("u1", JoinKey.EVENT))).isEqualTo(-1);
        assertThat(sort(bytes("u1", JoinKey.EVENT), bytes("u10", JoinKey.PROFILE))).isEqualTo(-1);
        // Where plain byte order of the whole key goes wrong: "a" + EVENT (61 01) > "a\0" + PROFILE (61 00 00).
        byte[] aEvent = bytes("a", JoinKey.EVENT);
        byte[] aNulProfile = bytes("a\0", JoinKey.PROFILE);
        assertThat(java.util.Arrays.compareUnsigned(aEvent, aNulProfile)).isPositive();
        assertThat(sort(aEvent, aNulProfile)).isEqualTo(-1);
        assertThat(group(aEvent, aNulProfile)).isEqualTo(-1);
    }

    @Test
    void groupingAndPartitionLookAtTheUserOnly() throws Exception {
        byte[] profile = bytes("user-7", JoinKey.PROFILE);
        byte[] event = bytes("user-7", JoinKey.EVENT);
        assertThat(group(profile, event)).isZero();
        byte[] id = "user-7".getBytes(StandardCharsets.UTF_8);
        for (int r = 1; r < 20; r++) {
            int expected = new HashPartitioner().partition(id, 0, id.length, r);
            assertThat(new JoinKey.UserPartitioner().partition(profile, 0, profile.length, r)).isEqualTo(expected);
            assertThat(new JoinKey.UserPartitioner().partition(event, 0, event.length, r)).isEqualTo(expected);
        }
        assertThat(new JoinKey.KeyCodec().read(event, 0, event.length)).isEqualTo(new JoinKey("user-7", JoinKey.EVENT));
    }
}
