package dev.quern.examples.terasort;

import dev.quern.api.Context;
import dev.quern.api.Input;
import dev.quern.api.Job;
import dev.quern.api.Mapper;
import dev.quern.api.Reducer;
import dev.quern.api.Tool;
import dev.quern.api.Workflow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * {@code teravalidate IN OUT}: checks that the records of IN's part files, read in path order, are
 * sorted by key across the whole of them, and writes a report to {@code OUT/part-r-00000}:
 *
 * <pre>
 *  records     N
 *  checksum    the sum of the CRC32 of every record, mod 2^64, as 16 hex digits
 *  unsorted    how many records have a key below the record before them
 *  error       record I: key K after P     one line for each of the first 100 of them, in order;
 *                                          I counts records from 0 over all the files
 * </pre>
 *
 * The checksum does not depend on order: run it on a sort's input and on its output, and equal
 * counts and checksums show that nothing was lost, added or changed.
 *
 * <p>Each map checks its own split ({@link SplitSummary}) and reports it under its map index; the
 * one reducer gets the summaries in map order, which is input order (the coordinator numbers the
 * splits of the files in path order), and checks each split's first key against the previous
 * split's last, so the order is checked across split and file boundaries too.
 */
public final class TeraValidate implements Tool {

    public static final String USAGE = "usage: teravalidate IN OUT";
    static final int ERRORS_KEPT = 100;

    @Override
    public Workflow plan(List<String> args, int reducers) {
        return Workflow.of(job(args, reducers));
    }

    /** The job of {@code teravalidate IN OUT}; always one reducer, whatever the hint. */
    public static Job job(List<String> args, int reducers) {
        ToolArgs a = ToolArgs.parse(args, Set.of(), 2, USAGE);
        return Job.builder("teravalidate")
                .input(Input.fixedLength(TeraRecords.RECORD_BYTES, TeraRecords.KEY_BYTES, Path.of(a.positional().get(0))))
                .mapper(ValidateMapper.class)
                .reducer(ValidateReducer.class)
                .mapOutput(Long.class, byte[].class)
                .outputTypes(String.class, String.class)
                .reducers(1)
                .output(Path.of(a.positional().get(1)))
                .build();
    }

    /** Checks one split's order and sums its checksum; writes (map index, summary) at the end. */
    public static final class ValidateMapper extends Mapper<byte[], byte[], Long, byte[]> {
        private final SplitSummary summary = new SplitSummary();
        private final CRC32 crc = new CRC32();

        @Override
        public void map(byte[] key, byte[] value, Context<Long, byte[]> context) {
            crc.reset();
            crc.update(key);
            crc.update(value);
            summary.add(key, crc.getValue());
        }

        @Override
        public void cleanup(Context<Long, byte[]> context) throws IOException {
            String task = context.taskId(); // m-00003: map 3, the 4th split in input order
            context.write(Long.parseLong(task.substring(task.indexOf('-') + 1)), summary.encode());
        }
    }

    /** Joins the splits' summaries in input order and writes the report. */
    public static final class ValidateReducer extends Reducer<Long, byte[], String, String> {
        private long records;
        private long checksum;
        private long unsorted;
        private final List<String> errors = new ArrayList<>();
        private byte[] lastKey;

        @Override
        public void reduce(Long map, Iterable<byte[]> summaries, Context<String, String> context) throws IOException {
            for (byte[] bytes : summaries) {
                SplitSummary s = SplitSummary.decode(bytes);
                if (s.records() == 0) {
                    continue;
                }
                if (lastKey != null && Arrays.compareUnsigned(lastKey, s.firstKey()) > 0) {
                    unsorted++;
                    error(records, s.firstKey(), lastKey);
                }
                for (SplitSummary.Error e : s.errors()) {
                    error(records + e.index(), e.key(), e.previous());
                }
                unsorted += s.unsorted();
                records += s.records();
                checksum += s.checksum();
                lastKey = s.lastKey();
            }
        }

        private void error(long index, byte[] key, byte[] previous) {
            if (errors.size() < ERRORS_KEPT) {
                errors.add("record " + index + ": key " + hex(key) + " after " + hex(previous));
            }
        }

        @Override
        public void cleanup(Context<String, String> context) throws IOException {
            context.write("records", Long.toString(records));
            context.write("checksum", String.format("%016x", checksum));
            context.write("unsorted", Long.toString(unsorted));
            for (String e : errors) {
                context.write("error", e);
            }
        }

        private static String hex(byte[] b) {
            return HexFormat.of().formatHex(b);
        }
    }
}
