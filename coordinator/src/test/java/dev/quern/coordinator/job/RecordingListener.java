package dev.quern.coordinator.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.proto.JobStatus;
import java.util.ArrayList;
import java.util.List;

/** Records what a client following a job would see, in order: its id, then each status. */
final class RecordingListener implements JobListener {

    /** Each event: the job id (a String) from {@code accepted}, or a {@link JobStatus}. */
    final List<Object> events = new ArrayList<>();

    @Override
    public void accepted(String jobId) {
        events.add(jobId);
    }

    @Override
    public void status(JobStatus status) {
        events.add(status);
    }

    List<JobStatus> statuses() {
        return events.stream().filter(JobStatus.class::isInstance).map(JobStatus.class::cast).toList();
    }

    /**
     * Checks the whole conversation: accepted first and once, then only RUNNING statuses, and one
     * final status in {@code state} last. Returns that final status.
     */
    JobStatus assertEndedWith(String jobId, JobStatus.State state) {
        assertThat(events).first().isEqualTo(jobId);
        assertThat(events.subList(1, events.size())).allMatch(JobStatus.class::isInstance);
        List<JobStatus> statuses = statuses();
        assertThat(statuses).isNotEmpty();
        assertThat(statuses.subList(0, statuses.size() - 1)).extracting(JobStatus::getState)
                .containsOnly(JobStatus.State.RUNNING);
        JobStatus last = statuses.get(statuses.size() - 1);
        assertThat(last.getState()).isEqualTo(state);
        assertThat(last.getJobId()).isEqualTo(jobId);
        return last;
    }
}
