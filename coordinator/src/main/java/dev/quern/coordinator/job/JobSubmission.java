package dev.quern.coordinator.job;

import dev.quern.coordinator.journal.JobJournal;
import dev.quern.coordinator.split.InputRefusedException;
import dev.quern.coordinator.split.InputSplitter;
import dev.quern.coordinator.split.SmallFileCombiner;
import dev.quern.io.FileTrees;
import dev.quern.jar.JarLoaders;
import dev.quern.job.EngineOptions;
import dev.quern.job.JobClasses;
import dev.quern.proto.Error;
import dev.quern.proto.InputSpec;
import dev.quern.proto.JobRecord;
import dev.quern.proto.JobSpec;
import dev.quern.proto.Split;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a submitted job and cuts its input into splits. Everything is checked before the output
 * directory is claimed, so a refused job leaves no trace; the claim itself is an atomic
 * {@code mkdir}, so two jobs can never write into one directory.
 */
final class JobSubmission {

    private JobSubmission() {}

    /**
     * Checks the spec, claims its output directory, records the job in the journal and makes its
     * temporary directory: the job, ready to run. A refusal releases the claimed output.
     */
    static JobRun open(JobSpec spec, ClassLoader loader, JournalWriter journal, Clock clock) throws SubmitException {
        List<Split> splits = prepare(spec, loader);
        Path output = Path.of(spec.getOutput());
        claimOutput(output);
        String jobId;
        try {
            jobId = journal.recordJob(JobRecord.newBuilder().setSpec(spec).setSubmitTimeMs(clock.millis()).setMaps(splits.size()).build());
        } catch (JobJournal.FencedException e) {
            releaseOutput(output);
            throw new SubmitException(Error.Code.NOT_LEADER, "job '" + spec.getName() + "' not accepted: " + e.getMessage());
        } catch (Exception e) {
            releaseOutput(output);
            throw new SubmitException(Error.Code.INTERNAL, "cannot record job '" + spec.getName() + "' in ZooKeeper: " + e);
        }
        JobRun job = new JobRun(jobId, spec, splits, clock.millis());
        try {
            // Attempts create only their own directory inside: one that outlives an abort fails
            // instead of bringing the removed tree back.
            Files.createDirectories(job.tempDir);
        } catch (IOException e) {
            releaseOutput(output);
            throw new SubmitException(Error.Code.IO_ERROR, "cannot create " + job.tempDir + ": " + e);
        }
        return job;
    }

    /** Validates the spec and returns its splits, in input order. */
    static List<Split> prepare(JobSpec spec, ClassLoader loader) throws SubmitException {
        List<String> problems = new ArrayList<>();
        if (spec.getInputsCount() == 0) {
            problems.add("the job has no inputs");
        }
        if (spec.getOutput().isEmpty() || !Path.of(spec.getOutput()).isAbsolute()) {
            problems.add("output must be an absolute path, got '" + spec.getOutput() + "'");
        }
        for (int i = 0; i < spec.getInputsCount(); i++) {
            problems.addAll(InputSplitter.problems(spec.getInputs(i), i));
        }
        problems.addAll(mapOnlyProblems(spec));
        if (spec.getOutputFormat() == JobSpec.OutputFormat.UNRECOGNIZED) {
            problems.add("unknown output format " + spec.getOutputFormatValue());
        }
        problems.addAll(EngineOptions.problems(spec.getConfigurationMap()));
        // A class problem says where the class was looked for: a job jar, or the daemon's classpath.
        String origin = " (looked up in " + JarLoaders.origin(spec) + ")";
        new JobClasses(spec, loader).problems().forEach(p -> problems.add(p + origin));
        if (!problems.isEmpty()) {
            throw new SubmitException(Error.Code.INVALID_ARGUMENT, "job '" + spec.getName() + "' refused: " + String.join("; ", problems));
        }
        Path output = Path.of(spec.getOutput());
        if (Files.exists(output)) {
            throw new SubmitException(Error.Code.ALREADY_EXISTS, "output directory " + output + " already exists");
        }
        return split(spec);
    }

    /**
     * The splits of a checked job, in input order: the same for the same input, so a new leader
     * resuming a job recomputes them ({@link JobRecovery}).
     */
    static List<Split> split(JobSpec spec) throws SubmitException {
        long splitSize = EngineOptions.splitSize(spec.getConfigurationMap());
        List<Split> splits = new ArrayList<>();
        boolean combine = EngineOptions.combineSmallFiles(spec.getConfigurationMap());
        for (int i = 0; i < spec.getInputsCount(); i++) {
            InputSpec input = spec.getInputs(i);
            try {
                List<Split> own = InputSplitter.split(input, i, splitSize);
                splits.addAll(combine ? SmallFileCombiner.combine(own, splitSize) : own);
            } catch (IllegalArgumentException e) {
                throw new SubmitException(Error.Code.NOT_FOUND, e.getMessage());
            } catch (InputRefusedException e) {
                throw new SubmitException(Error.Code.INVALID_ARGUMENT, "job '" + spec.getName() + "' refused: " + e.getMessage());
            } catch (IOException e) {
                throw new SubmitException(Error.Code.IO_ERROR, "cannot read input of job '" + spec.getName() + "': " + e);
            }
        }
        return splits;
    }

    /**
     * A map-only job (no reducers) writes what its mappers write: a combiner would never run, and
     * output types other than the map output types could not be what is written.
     */
    private static List<String> mapOnlyProblems(JobSpec spec) {
        List<String> problems = new ArrayList<>();
        if (spec.getNumReducers() < 0) {
            problems.add("reducers must be >= 0 (0: a map-only job), got " + spec.getNumReducers());
        }
        if (spec.getNumReducers() != 0) {
            return problems;
        }
        if (!spec.getCombinerClass().isEmpty()) {
            problems.add("a map-only job (0 reducers) runs no combiner, but names " + spec.getCombinerClass());
        }
        if (!spec.getOutputKeyType().equals(spec.getMapOutputKeyType()) || !spec.getOutputValueType().equals(spec.getMapOutputValueType())) {
            problems.add("a map-only job (0 reducers) writes its map output types (" + spec.getMapOutputKeyType() + ", "
                    + spec.getMapOutputValueType() + "), but its output types are (" + spec.getOutputKeyType() + ", "
                    + spec.getOutputValueType() + ")");
        }
        return problems;
    }

    /** Undoes {@link #claimOutput} when the job cannot be recorded after all. */
    static void releaseOutput(Path output) {
        try {
            FileTrees.delete(output); // only what this submit created is in it
        } catch (IOException e) {
            // Left behind empty; the next submit to it says it exists, which is true.
        }
    }

    /** Creates the output directory, failing if it exists (also if another job just created it). */
    static void claimOutput(Path output) throws SubmitException {
        try {
            Files.createDirectories(output.getParent());
            Files.createDirectory(output);
        } catch (FileAlreadyExistsException e) {
            throw new SubmitException(Error.Code.ALREADY_EXISTS, "output directory " + output + " already exists");
        } catch (IOException e) {
            throw new SubmitException(Error.Code.IO_ERROR, "cannot create output directory " + output + ": " + e);
        }
    }
}
