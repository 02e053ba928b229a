package dev.quern.executor.map;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One executor's map attempts' big memory ({@link MapMemory}: sort buffer, sort arrays, combining
 * table), kept from one attempt for the next. Allocated anew for every attempt, these arrays (well
 * over 100 MiB for a default 64 MiB buffer) were born in the young generation and copied by young
 * collections while they lived; kept, they settle in the old generation once.
 *
 * <p>Bounded by what {@code MemoryShare} already allows a slot: an attempt that holds a slot's share
 * of memory (a map with its memory, a reduce with its shuffle memory, see {@link #hold}) counts as a
 * holder, and the pool keeps at most {@code slots - holders} free sets: a slot either runs an
 * attempt or keeps one free set, never both. A set whose buffer is not the size (or threshold) asked
 * for is not reused: it is dropped, and a new one allocated.
 *
 * <p>Thread-safe. A set must be given back only once nothing reads it any more (no spill thread).
 */
public final class MapMemoryPool implements AutoCloseable {

    /** A slot's share held by an attempt that is not a map; {@link #close} lets it go. */
    public interface Hold extends AutoCloseable {
        @Override
        void close();
    }

    private static final Logger log = LoggerFactory.getLogger(MapMemoryPool.class);

    private final int slots;
    /** Most recently given back first: the next attempt is most likely of the same job. */
    private final Deque<MapMemory> free = new ArrayDeque<>();
    private int holders;
    private long reuses;
    private boolean closed;

    public MapMemoryPool(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("a map memory pool needs at least 1 slot, got " + slots);
        }
        this.slots = slots;
    }

    /**
     * Lends a map attempt its memory: a free set with a buffer of {@code bufferBytes} and
     * {@code spillPercent}, emptied, else a new one; with a combining table of {@code tableBytes}
     * (0: none). Give it back with {@link #give}, or {@link #forget} it.
     */
    public MapMemory take(long bufferBytes, double spillPercent, long tableBytes) {
        MapMemory reused = null;
        synchronized (this) {
            holders++;
            for (Iterator<MapMemory> it = free.iterator(); it.hasNext(); ) {
                MapMemory m = it.next();
                if (m.serves(bufferBytes, spillPercent)) {
                    it.remove();
                    m.lent = true;
                    reused = m;
                    reuses++;
                    break;
                }
            }
            if (reused == null) {
                trim(); // room for the new one
            }
        }
        try {
            if (reused != null) {
                reused.reset(tableBytes); // outside the lock: only this attempt has it
                log.debug("map memory: a sort buffer of {} bytes lent again", bufferBytes);
                return reused;
            }
            log.debug("map memory: a new sort buffer of {} bytes", bufferBytes);
            return new MapMemory(bufferBytes, spillPercent, tableBytes);
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                holders--;
            }
            throw e;
        }
    }

    /** Takes back an attempt's memory, which nothing reads any more, for a later attempt. */
    public synchronized void give(MapMemory m) {
        end(m);
        if (!closed && free.size() < slots - holders) {
            free.addFirst(m);
        }
    }

    /** The attempt has ended but its memory may still be read (a spill thread that did not stop): not kept. */
    public synchronized void forget(MapMemory m) {
        end(m);
    }

    private void end(MapMemory m) {
        if (!m.lent) {
            throw new IllegalStateException("map memory given back twice");
        }
        m.lent = false;
        holders--;
    }

    /** For an attempt that takes a slot's share of memory elsewhere (a reduce): the pool keeps a free set less meanwhile. */
    public Hold hold() {
        synchronized (this) {
            holders++;
            trim();
        }
        return new Hold() {
            private boolean closed;

            @Override
            public void close() {
                synchronized (MapMemoryPool.this) {
                    if (!closed) {
                        closed = true;
                        holders--;
                    }
                }
            }
        };
    }

    /**
     * Drops the free sets and keeps none from now on (the executor stops: an embedded cluster's JVM
     * goes on, and a stopped executor may stay referenced).
     */
    @Override
    public synchronized void close() {
        closed = true;
        free.clear();
    }

    private void trim() {
        while (free.size() > Math.max(0, slots - holders)) {
            free.removeLast();
        }
    }

    /** Free sets kept (for tests). */
    synchronized int freeSets() { return free.size(); }

    /** How many times a set was lent again (for tests). */
    synchronized long reuses() { return reuses; }

    /** Attempts holding memory now (for tests). */
    synchronized int holders() { return holders; }
}
