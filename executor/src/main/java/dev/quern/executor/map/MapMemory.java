package dev.quern.executor.map;

import dev.quern.executor.combine.CombiningTable;
import dev.quern.executor.sort.RegionSorter;
import dev.quern.executor.sort.SortBuffer;

/**
 * The big memory of one map attempt, lent by a {@link MapMemoryPool}: the sort buffer with the sorter
 * whose arrays index it (the two go together: a sorter reads the buffer it was made for), and the
 * early combiner's table when the job has one. Empty when lent, whoever had it before.
 */
public final class MapMemory {

    private final long bufferBytes;
    private final double spillPercent;
    private final SortBuffer buffer;
    private final RegionSorter sorter;
    private CombiningTable table;
    private long tableBytes;
    /** Lent to an attempt (a new one is, to its maker); guarded by the pool's lock once shared. */
    boolean lent = true;

    MapMemory(long bufferBytes, double spillPercent, long tableBytes) {
        this.bufferBytes = bufferBytes;
        this.spillPercent = spillPercent;
        this.buffer = new SortBuffer(bufferBytes, spillPercent);
        this.sorter = new RegionSorter(buffer);
        withTable(tableBytes);
    }

    /** Whether its sort buffer is the one asked for: same budget, same threshold. */
    boolean serves(long bufferBytes, double spillPercent) {
        return this.bufferBytes == bufferBytes && this.spillPercent == spillPercent;
    }

    /** Empties the buffer and gives it a table of {@code bytes} (0: none), emptied or new. */
    void reset(long bytes) {
        buffer.reset();
        if (table != null && tableBytes == bytes) {
            table.clear();
        } else {
            withTable(bytes);
        }
    }

    private void withTable(long bytes) {
        this.tableBytes = bytes;
        this.table = bytes > 0 ? new CombiningTable(bytes) : null;
    }

    public SortBuffer buffer() { return buffer; }
    public RegionSorter sorter() { return sorter; }

    /** The early combiner's table; only when one was asked for. */
    public CombiningTable table() {
        if (table == null) {
            throw new IllegalStateException("this map memory has no combining table: none was asked for");
        }
        return table;
    }
}
