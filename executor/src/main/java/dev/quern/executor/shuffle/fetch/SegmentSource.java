package dev.quern.executor.shuffle.fetch;

import static java.util.Objects.requireNonNull;

/** Which segment a fetch asks for and where from; its {@link #toString()} starts every error message. */
public record SegmentSource(String host, int port, String jobId, String mapAttemptId, int partition) {

    public SegmentSource {
        requireNonNull(host, "host is null");
        requireNonNull(jobId, "jobId is null");
        requireNonNull(mapAttemptId, "mapAttemptId is null");
        if (port < 1 || port > 0xffff) {
            throw new IllegalArgumentException("shuffle port must be in 1..65535, got " + port);
        }
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0, got " + partition);
        }
    }

    @Override
    public String toString() {
        return "job " + jobId + " attempt " + mapAttemptId + " partition " + partition + " from " + host + ":" + port;
    }
}
