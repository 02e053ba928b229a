/**
 * A reduce attempt: copy its partition of every map output, merge, reduce, write the part file.
 *
 * <pre>
 *  ReduceTask.map_outputs ---+                                +--> MemoryRun (ShuffleMemory has room)
 *  MapOutputsAvailable ------+--> MapOutputFeed --> ShuffleCopier --+
 *   (TaskRunner routes them)        (one queue,     (at most N        +--> SegmentRun (a file)
 *                                    one thread)     fetches at once)
 *  held in memory past 2/3 of the budget --> InMemoryMerger (background) --> MergedRun (a run file)
 *
 *  every map held --> RunMerger (runs on disk down to the fan-in) --> MergingStream over the runs
 *                 --> KeyGroups --> ReduceDriver --> Reducer --> TextPartWriter
 * </pre>
 *
 * The formats of the runs are drawn in {@link dev.quern.executor.reduce.run}.
 */
package dev.quern.executor.reduce;
