package dev.quern.job;

import dev.quern.api.Input;
import dev.quern.api.Job;
import dev.quern.proto.InputSpec;
import dev.quern.proto.JobSpec;
import java.nio.file.Path;

/** Turns the user's {@link Job} into the {@link JobSpec} that travels to the cluster. */
public final class JobSpecs {

    private JobSpecs() {}

    /** Paths are made absolute against the client's working directory: the cluster has none of its own. */
    public static JobSpec toSpec(Job job) {
        JobSpec.Builder spec = JobSpec.newBuilder()
                .setName(job.name())
                .setOutput(absolute(job.output()))
                .setReducerClass(job.reducerClass())
                .setNumReducers(job.reducers())
                .setMapOutputKeyType(job.mapOutputKeyType())
                .setMapOutputValueType(job.mapOutputValueType())
                .setOutputKeyType(job.outputKeyType())
                .setOutputValueType(job.outputValueType())
                .putAllCodecs(job.codecs())
                .putAllConfiguration(job.configuration());
        job.combinerClass().ifPresent(spec::setCombinerClass);
        job.partitionerClass().ifPresent(spec::setPartitionerClass);
        job.sortComparatorClass().ifPresent(spec::setSortComparatorClass);
        job.groupingComparatorClass().ifPresent(spec::setGroupingComparatorClass);
        spec.setOutputFormat(switch (job.outputFormat()) {
            case TEXT -> JobSpec.OutputFormat.OUTPUT_TEXT;
            case RAW -> JobSpec.OutputFormat.OUTPUT_RAW;
        });
        for (Input input : job.inputs()) {
            InputSpec.Builder in = InputSpec.newBuilder()
                    .setFormat(switch (input.format()) {
                        case TEXT -> InputSpec.Format.TEXT;
                        case KEY_VALUE_TEXT -> InputSpec.Format.KEY_VALUE_TEXT;
                        case FIXED_LENGTH -> InputSpec.Format.FIXED_LENGTH;
                        case RANGE -> InputSpec.Format.RANGE;
                    })
                    .setMapperClass(input.mapperClass())
                    .setRecordBytes(input.recordBytes())
                    .setKeyBytes(input.keyBytes())
                    .setRangeCount(input.count())
                    .setRangeSplits(input.splits());
            input.paths().forEach(p -> in.addPaths(absolute(p)));
            spec.addInputs(in);
        }
        return spec.build();
    }

    private static String absolute(Path path) {
        return path.toAbsolutePath().normalize().toString();
    }
}
