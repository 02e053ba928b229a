package dev.quern.examples.join;

import dev.quern.api.Codec;
import dev.quern.api.HashPartitioner;
import dev.quern.api.KeyComparator;
import dev.quern.api.Partitioner;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The composite key of {@link Join}'s secondary sort: the user id (the join key, the natural key)
 * and a tag saying which table the record comes from. Encoded as
 *
 * <pre>
 *  +-----------------------------+-----------------------------------+
 *  | user_id: UTF-8, 0..n bytes  | tag: 1 byte (0 profile, 1 event)  |
 *  +-----------------------------+-----------------------------------+
 * </pre>
 *
 * Three classes make the secondary sort, each looking at the id part only where it must:
 * <ul>
 *   <li>{@link SortComparator}: by user id (bytes), then by tag: a user's profile sorts before that
 *       user's events. (Plain byte order of the whole key would not do: user {@code "a"}'s event
 *       {@code 61 01} would sort after user {@code "a\0"}'s profile {@code 61 00 00}.)
 *   <li>{@link GroupingComparator}: by user id only, so one {@code reduce} call sees the profile and
 *       then every event of the user.
 *   <li>{@link UserPartitioner}: murmur3 of the user id only, so a user's profile and events reach
 *       the same reducer whatever their tags.
 * </ul>
 *
 * @param userId the user id
 * @param tag {@link #PROFILE} or {@link #EVENT}
 */
public record JoinKey(String userId, byte tag) {

    public static final byte PROFILE = 0;
    public static final byte EVENT = 1;

    public JoinKey {
        Objects.requireNonNull(userId, "userId is null");
        if (tag != PROFILE && tag != EVENT) {
            throw new IllegalArgumentException("tag must be PROFILE (0) or EVENT (1), got " + tag + " for user '" + userId + "'");
        }
    }

    /** The encoding drawn above. */
    public static final class KeyCodec implements Codec<JoinKey> {
        @Override
        public void write(JoinKey key, DataOutput out) throws IOException {
            out.write(key.userId().getBytes(StandardCharsets.UTF_8));
            out.writeByte(key.tag());
        }

        @Override
        public JoinKey read(byte[] bytes, int offset, int length) {
            return new JoinKey(new String(bytes, offset, length - 1, StandardCharsets.UTF_8), bytes[offset + length - 1]);
        }

        @Override
        public String toText(JoinKey key) {
            return key.userId() + "\t" + key.tag();
        }
    }

    /** By user id, then profile before event. */
    public static final class SortComparator implements KeyComparator {
        @Override
        public int compare(byte[] a, int aOff, int aLen, byte[] b, int bOff, int bLen) {
            int byUser = GroupingComparator.compareUsers(a, aOff, aLen, b, bOff, bLen);
            return byUser != 0 ? byUser : Byte.compare(a[aOff + aLen - 1], b[bOff + bLen - 1]);
        }
    }

    /** By user id only: a user's profile and events are one group. */
    public static final class GroupingComparator implements KeyComparator {
        @Override
        public int compare(byte[] a, int aOff, int aLen, byte[] b, int bOff, int bLen) {
            return compareUsers(a, aOff, aLen, b, bOff, bLen);
        }

        static int compareUsers(byte[] a, int aOff, int aLen, byte[] b, int bOff, int bLen) {
            return Arrays.compareUnsigned(a, aOff, aOff + aLen - 1, b, bOff, bOff + bLen - 1);
        }
    }

    /** The partition of the user id alone, as {@link HashPartitioner} would give a plain user-id key. */
    public static final class UserPartitioner implements Partitioner {
        @Override
        public int partition(byte[] key, int offset, int length, int partitions) {
            return Math.floorMod(HashPartitioner.murmur3(key, offset, length - 1), partitions);
        }
    }
}
