package dev.quern.executor.combine;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An open-addressing hash table from serialized keys to one combined value each, plus the values
 * added since the last combine, in fixed arrays sized once from a byte budget. It only stores; the
 * {@link EagerCombiner} decides when to run the combiner and when to empty it. See package-info
 * for the layout. Made by the map side's memory pool, so that one attempt after another reuses it.
 */
public final class CombiningTable {

    static final int NONE = -1;
    // A slot is SLOT_LONGS longs, half a cache line: a lookup and a pending append touch only it
    // (and the arena for keys longer than 8 bytes). 0 in S_ID means empty.
    private static final int S_ID = 0;        // hash << 32 | (key id + 1)
    private static final int S_KEY = 1;       // the key's first 8 bytes, little-endian, zero-padded
    private static final int S_LENGTH = 2;    // hits since the last eviction << 32 | the key's length
    private static final int S_PENDING = 3;   // (first pending + 1) << 32 | (last pending + 1); 0: none
    private static final int SLOT_LONGS = 4;
    // Per key id, read when combining and emptying only.
    private static final int OFFSET = 0;       // entry start in the arena: key bytes, then the combined value
    private static final int VALUE_LENGTH = 1; // NONE: no combined value
    private static final int CAPACITY = 2;     // bytes reserved for the combined value
    private static final int SLOT = 3;         // the key's slot
    private static final int KEY_INTS = 4;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final long[] slots;
    private final int mask;
    private final int[] keys;
    private final int maxKeys;
    private byte[] arena;
    private byte[] spareArena;                // the arena's other half: where an eviction compacts to
    private final byte[] pendingBytes;
    private final int[] pendingOffset;
    private final int[] pendingNext;
    private final int[] touched;     // slots with pending values, in the order they got their first
    private int keyCount;
    private int arenaUsed;
    private int pendingCount;
    private int pendingUsed;
    private int touchedCount;

    public CombiningTable(long budgetBytes) {
        long budget = Math.max(64 * 1024, Math.min(budgetBytes, 1L << 30));
        int arenaBytes = (int) (budget / 8); // twice: the arena and its spare
        // Per key: two slots (a load factor of at most 1/2), its ints and its place among the touched.
        // The slot count is a power of two: the largest whose slots and keys fit in 3/8 of the budget.
        long perKey = 2L * SLOT_LONGS * 8 + KEY_INTS * 4 + 4;
        int slotCount = Integer.highestOneBit((int) Math.max(128, 2 * (budget * 3 / 8 / perKey)));
        this.maxKeys = slotCount / 2;
        // The rest holds the values pending: their bytes, and two ints for every 8 of them.
        long left = budget - 2L * arenaBytes - maxKeys * perKey;
        int pendingBytesCap = (int) Math.min(4 << 20, left / 2);
        int maxPending = Math.max(64, pendingBytesCap / 8);
        this.slots = new long[slotCount * SLOT_LONGS];
        this.mask = slotCount - 1;
        this.keys = new int[maxKeys * KEY_INTS];
        this.arena = new byte[arenaBytes];
        this.spareArena = new byte[arenaBytes];
        this.pendingBytes = new byte[pendingBytesCap];
        this.pendingOffset = new int[maxPending];
        this.pendingNext = new int[maxPending];
        this.touched = new int[maxKeys];
    }

    /** The bytes of its arrays: at most the budget it was made with (64 KiB at least). */
    long footprintBytes() {
        return 8L * slots.length + 4L * keys.length + arena.length + spareArena.length + pendingBytes.length
                + 4L * (pendingOffset.length + pendingNext.length + touched.length);
    }

    /**
     * The key's slot if it is in the table, else {@code -(free slot) - 1}: where {@link #insert} puts it.
     * {@code hash} is {@link #hash}'s, and {@code first} the key's first 8 bytes that it left in {@link #lastFirst}.
     */
    int find(byte[] b, int off, int len, int hash, long first) {
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            int at = i * SLOT_LONGS;
            long id = slots[at + S_ID];
            if (id == 0) {
                return -i - 1;
            }
            if ((int) (id >>> 32) == hash && slots[at + S_KEY] == first && (int) slots[at + S_LENGTH] == len
                    && (len <= 8 || Arrays.equals(arena, keys[((int) id - 1) * KEY_INTS + OFFSET] + 8,
                            keys[((int) id - 1) * KEY_INTS + OFFSET] + len, b, off + 8, off + len))) {
                return i;
            }
        }
    }

    /**
     * Adds a new key, at the free slot {@code find} returned, with {@code value} as its combined
     * value; false (nothing changed) when full.
     */
    boolean insert(int freeSlot, byte[] b, int keyOff, int keyLen, int valueOff, int valueLen, int hash, long first) {
        if (keyCount == maxKeys || arenaUsed + keyLen + valueLen > arena.length) {
            return false;
        }
        int id = keyCount++;
        int k = id * KEY_INTS;
        keys[k + OFFSET] = arenaUsed;
        keys[k + VALUE_LENGTH] = valueLen;
        keys[k + CAPACITY] = valueLen;
        keys[k + SLOT] = freeSlot;
        System.arraycopy(b, keyOff, arena, arenaUsed, keyLen);
        System.arraycopy(b, valueOff, arena, arenaUsed + keyLen, valueLen);
        arenaUsed += keyLen + valueLen;
        int at = freeSlot * SLOT_LONGS;
        slots[at + S_ID] = (long) hash << 32 | (id + 1L);
        slots[at + S_KEY] = first;
        slots[at + S_LENGTH] = keyLen;
        slots[at + S_PENDING] = 0;
        return true;
    }

    /** Queues a value for the key in {@code slot}; false (nothing changed) when the pending area is full. */
    boolean addPending(int slot, byte[] b, int off, int len) {
        if (pendingCount == pendingOffset.length || pendingUsed + len > pendingBytes.length) {
            return false;
        }
        int p = pendingCount++;
        slots[slot * SLOT_LONGS + S_LENGTH] += 1L << 32; // a hit
        System.arraycopy(b, off, pendingBytes, pendingUsed, len);
        pendingOffset[p] = pendingUsed;
        pendingNext[p] = NONE;
        pendingUsed += len;
        int at = slot * SLOT_LONGS + S_PENDING;
        long chain = slots[at];
        if (chain == 0) {
            slots[at] = (p + 1L) << 32 | (p + 1L);
            touched[touchedCount++] = slot;
        } else {
            pendingNext[(int) chain - 1] = p;
            slots[at] = (chain & 0xFFFFFFFF00000000L) | (p + 1L);
        }
        return true;
    }

    /**
     * Replaces key {@code id}'s combined value (NONE length: no value). In place when it fits, else
     * the entry moves to the end of the arena; false (nothing changed) when the arena is full.
     */
    boolean setValue(int id, byte[] b, int off, int len) {
        int k = id * KEY_INTS;
        if (len == NONE || len <= keys[k + CAPACITY]) {
            if (len > 0) {
                System.arraycopy(b, off, arena, keys[k + OFFSET] + keyLength(id), len);
            }
            keys[k + VALUE_LENGTH] = len;
            return true;
        }
        int keyLen = keyLength(id);
        int capacity = Math.max(len, keys[k + CAPACITY] * 2); // a growing value moves O(log n) times
        if (arenaUsed + keyLen + capacity > arena.length) {
            return false;
        }
        System.arraycopy(arena, keys[k + OFFSET], arena, arenaUsed, keyLen);
        System.arraycopy(b, off, arena, arenaUsed + keyLen, len);
        keys[k + OFFSET] = arenaUsed;
        keys[k + VALUE_LENGTH] = len;
        keys[k + CAPACITY] = capacity;
        arenaUsed += keyLen + capacity;
        return true;
    }

    /** Records larger than this bypass the table, so that one never fills it alone. */
    int largestRecord() { return Math.min(pendingBytes.length, arena.length) / 8; }

    /** No room for another key. */
    boolean isFull() { return keyCount == maxKeys || arenaUsed > arena.length - 64; }

    int pendingCount() { return pendingCount; }
    int keyCount() { return keyCount; }
    int touchedCount() { return touchedCount; }
    /** The key id of the i-th key with pending values. */
    int touched(int i) { return (int) slots[touched[i] * SLOT_LONGS + S_ID] - 1; }
    byte[] arena() { return arena; }
    int keyOffset(int id) { return keys[id * KEY_INTS + OFFSET]; }
    int keyLength(int id) { return (int) slots[keys[id * KEY_INTS + SLOT] * SLOT_LONGS + S_LENGTH]; }
    int valueLength(int id) { return keys[id * KEY_INTS + VALUE_LENGTH]; }
    int valueOffset(int id) { return keyOffset(id) + keyLength(id); }
    int firstPending(int id) { return (int) (slots[keys[id * KEY_INTS + SLOT] * SLOT_LONGS + S_PENDING] >>> 32) - 1; }
    int nextPending(int p) { return pendingNext[p]; }
    byte[] pendingBytes() { return pendingBytes; }
    int pendingOffset(int p) { return pendingOffset[p]; }
    /** Values are stored back to back in arrival order: one ends where the next starts. */
    int pendingLength(int p) { return (p + 1 < pendingCount ? pendingOffset[p + 1] : pendingUsed) - pendingOffset[p]; }

    /**
     * Removes every key hit fewer than {@code minHits} times since the last eviction, handing its
     * combined value (if any) to {@code out}, and makes room for new keys: the arena is compacted
     * into its spare and the survivors are hashed into empty slots, their hits back at 0. Call
     * with nothing pending.
     */
    void evictCold(int minHits, EagerCombiner.Downstream out) throws IOException {
        if (pendingCount != 0) {
            throw new IllegalStateException("evict with values pending");
        }
        int kept = 0;
        int used = 0;
        for (int id = 0; id < keyCount; id++) {
            int k = id * KEY_INTS;
            long lengthWord = slots[keys[k + SLOT] * SLOT_LONGS + S_LENGTH];
            int length = (int) lengthWord;
            int offset = keys[k + OFFSET];
            int valueLength = keys[k + VALUE_LENGTH];
            if ((int) (lengthWord >>> 32) < minHits) {
                if (valueLength != NONE) {
                    out.append(arena, offset, length, offset + length, valueLength);
                }
                continue;
            }
            int capacity = keys[k + CAPACITY];
            System.arraycopy(arena, offset, spareArena, used, length + Math.max(valueLength, 0));
            int j = kept++ * KEY_INTS; // j <= k: rewriting in place is safe
            keys[j + OFFSET] = used;
            keys[j + VALUE_LENGTH] = valueLength;
            keys[j + CAPACITY] = capacity;
            keys[j + SLOT] = length; // parked here until the key has its new slot
            used += length + capacity;
        }
        byte[] a = arena;
        arena = spareArena;
        spareArena = a;
        arenaUsed = used;
        keyCount = kept;
        Arrays.fill(slots, 0);
        for (int id = 0; id < kept; id++) {
            int k = id * KEY_INTS;
            int length = keys[k + SLOT];
            int hash = hash(arena, keys[k + OFFSET], length);
            int slot = -find(arena, keys[k + OFFSET], length, hash, lastFirst) - 1;
            int at = slot * SLOT_LONGS;
            slots[at + S_ID] = (long) hash << 32 | (id + 1L);
            slots[at + S_KEY] = lastFirst;
            slots[at + S_LENGTH] = length;
            keys[k + SLOT] = slot;
        }
    }

    /** Forgets the pending values (after they were combined). */
    void clearPending() {
        for (int i = 0; i < touchedCount; i++) {
            slots[touched[i] * SLOT_LONGS + S_PENDING] = 0;
        }
        touchedCount = 0;
        pendingCount = 0;
        pendingUsed = 0;
    }

    /**
     * Forgets everything (after the combined values were handed on): the table is then as a new one
     * of the same budget, for the next attempt that reuses it (the arenas' bytes stay, unread).
     */
    public void clear() {
        clearPending();
        Arrays.fill(slots, 0);
        keyCount = 0;
        arenaUsed = 0;
    }

    /** The first 8 bytes of the key last hashed, little-endian, zero-padded: a by-product of {@link #hash}. */
    long lastFirst;

    /**
     * A hash of the key's bytes, 8 at a time; only this table uses it, so it need not be stable across
     * versions. Leaves the key's first 8 bytes in {@link #lastFirst}, which the slot keeps.
     */
    int hash(byte[] b, int off, int len) {
        long h = 0x9E3779B97F4A7C15L ^ len;
        long first = 0;
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            long word = (long) LONGS.get(b, off + i);
            if (i == 0) {
                first = word;
            }
            h = (h ^ word) * 0xC2B2AE3D27D4EB4FL;
            h ^= h >>> 29;
        }
        long tail = tail(b, off + i, len - i);
        if (len < 8) {
            first = tail;
        }
        lastFirst = first;
        h = (h ^ tail) * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 32;
        h *= 0x165667B19E3779F9L;
        return (int) (h ^ (h >>> 29));
    }

    /** {@code b[at, at + n)}, n < 8, little-endian, zero-padded: one 8-byte read when the array has room past it. */
    private static long tail(byte[] b, int at, int n) {
        if (n == 0) {
            return 0;
        }
        if (at <= b.length - 8) {
            return (long) LONGS.get(b, at) & (-1L >>> (64 - 8 * n));
        }
        long tail = 0;
        for (int i = 0, shift = 0; i < n; i++, shift += 8) {
            tail |= (b[at + i] & 0xFFL) << shift;
        }
        return tail;
    }
}
