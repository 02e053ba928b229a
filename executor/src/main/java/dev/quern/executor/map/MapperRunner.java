package dev.quern.executor.map;

import dev.quern.api.Context;
import dev.quern.api.Counter;
import dev.quern.api.Mapper;
import dev.quern.executor.combine.CombinerFailedException;
import dev.quern.executor.map.input.RecordReader;
import dev.quern.executor.task.ProgressListener;
import dev.quern.executor.task.TaskCounters;
import dev.quern.executor.task.UserCodeException;
import dev.quern.job.EngineCounters;

/**
 * Runs a mapper over a split's records: {@code setup}, {@code map} per record, {@code cleanup}.
 * Where its output goes is the context's business (the sort buffer, or a map-only job's part file).
 * Counts the input records and bytes, reports progress, and stops when the attempt is killed.
 */
final class MapperRunner {

    /** Progress is reported (and a kill noticed) after this much input, or this many records. */
    private static final long PROGRESS_EVERY_BYTES = 4L << 20;
    private static final int PROGRESS_EVERY_RECORDS_MASK = (1 << 16) - 1;

    private MapperRunner() {}

    static void run(Mapper<Object, Object, Object, Object> mapper, RecordReader records, Context<Object, Object> context,
            TaskCounters counters, ProgressListener progress) throws Exception {
        String role = mapper.getClass().getName();
        try {
            mapper.setup(context);
        } catch (Exception e) {
            throw userCode(role + ".setup", e);
        }
        long nextReport = PROGRESS_EVERY_BYTES;
        long n = 0;
        Counter inputRecords = counters.engine(EngineCounters.MAP_INPUT_RECORDS);
        while (records.next()) {
            try {
                mapper.map(records.key(), records.value(), context);
            } catch (Exception e) {
                throw userCode(role + ".map of " + records.where(), e);
            }
            inputRecords.increment(1);
            n++;
            // RANGE input reads no bytes: its reports come by record count.
            if (records.bytesRead() >= nextReport || (n & PROGRESS_EVERY_RECORDS_MASK) == 0) {
                nextReport = records.bytesRead() + PROGRESS_EVERY_BYTES;
                progress.progress(records.progress());
                if (Thread.interrupted()) {
                    throw new InterruptedException("map attempt " + context.attemptId() + " was killed");
                }
            }
        }
        try {
            mapper.cleanup(context);
        } catch (Exception e) {
            throw userCode(role + ".cleanup", e);
        }
        counters.engine(EngineCounters.MAP_INPUT_BYTES).increment(records.bytesRead());
    }

    /** A combiner failure surfaces through the mapper's write: report the combiner, not the mapper. */
    private static UserCodeException userCode(String what, Exception e) {
        if (e instanceof CombinerFailedException c && c.getCause() instanceof UserCodeException u) {
            return u;
        }
        return new UserCodeException(what, e);
    }
}
