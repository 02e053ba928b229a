package dev.quern.job;

import java.util.List;

/** The engine's own counters, in group {@value #GROUP}, in the order the CLI prints them. */
public final class EngineCounters {

    public static final String GROUP = "quern";

    public static final String MAP_INPUT_RECORDS = "map input records";
    public static final String MAP_INPUT_BYTES = "map input bytes";
    public static final String MAP_OUTPUT_RECORDS = "map output records";
    public static final String MAP_OUTPUT_BYTES = "map output bytes";
    public static final String COMBINE_INPUT_RECORDS = "combine input records";
    public static final String COMBINE_OUTPUT_RECORDS = "combine output records";
    public static final String SPILLS = "spills";
    public static final String SPILLED_RECORDS = "spilled records";
    public static final String MERGE_PASSES = "merge passes";
    /** Intermediate data written to an executor's disk: spills, merged runs, fetched segments. */
    public static final String LOCAL_BYTES_WRITTEN = "local bytes written";
    /** Intermediate data read back from an executor's disk by merges. */
    public static final String LOCAL_BYTES_READ = "local bytes read";
    public static final String SHUFFLE_BYTES = "shuffle bytes";
    /** Fetched segment bytes a reducer kept in memory (its shuffle memory budget). */
    public static final String SHUFFLE_BYTES_TO_MEMORY = "shuffle bytes to memory";
    /** Fetched segment bytes a reducer streamed to a file; also counted in local bytes written. */
    public static final String SHUFFLE_BYTES_TO_DISK = "shuffle bytes to disk";
    public static final String REDUCE_INPUT_GROUPS = "reduce input groups";
    public static final String REDUCE_INPUT_RECORDS = "reduce input records";
    public static final String REDUCE_OUTPUT_RECORDS = "reduce output records";
    public static final String OUTPUT_BYTES = "output bytes";

    public static final List<String> ORDER = List.of(
            MAP_INPUT_RECORDS, MAP_INPUT_BYTES, MAP_OUTPUT_RECORDS, MAP_OUTPUT_BYTES,
            COMBINE_INPUT_RECORDS, COMBINE_OUTPUT_RECORDS, SPILLS, SPILLED_RECORDS, MERGE_PASSES, LOCAL_BYTES_WRITTEN, LOCAL_BYTES_READ, SHUFFLE_BYTES,
            SHUFFLE_BYTES_TO_MEMORY, SHUFFLE_BYTES_TO_DISK,
            REDUCE_INPUT_GROUPS, REDUCE_INPUT_RECORDS, REDUCE_OUTPUT_RECORDS, OUTPUT_BYTES);

    private EngineCounters() {}
}
