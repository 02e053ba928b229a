package dev.quern.coordinator.job;

import dev.quern.proto.Error;
import dev.quern.proto.JobStatus;
import dev.quern.wire.Errors;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a job in any final state: its live attempts are killed, every executor is told to drop the
 * job's files, a job that did not succeed loses its temporary output (never OUT itself), and the
 * end is journaled so that no later leader resumes it.
 */
final class JobFinisher implements AttemptResults.Finisher {

    private static final Logger log = LoggerFactory.getLogger(JobFinisher.class);

    private final Dispatcher dispatcher;
    private final ExecutorPool pool;
    private final JournalWriter journal;
    private final Clock clock;

    JobFinisher(Dispatcher dispatcher, ExecutorPool pool, JournalWriter journal, Clock clock) {
        this.dispatcher = dispatcher;
        this.pool = pool;
        this.journal = journal;
        this.clock = clock;
    }

    @Override
    public void finish(JobRun job, JobStatus.State state, Error error) {
        job.state = state;
        job.error = error;
        job.finishMillis = clock.millis();
        job.tasks().forEach(t -> {
            t.live.values().forEach(a -> {
                dispatcher.kill(a.executorId(), job.jobId, a.attemptId());
                pool.released(a.executorId());
            });
            t.live.clear();
        });
        pool.ids().forEach(e -> dispatcher.kill(e, job.jobId, ""));
        if (state != JobStatus.State.SUCCEEDED) {
            try {
                OutputCommitter.abort(job);
            } catch (IOException e) {
                log.warn("job {}: cannot remove temporary output under {}: {}", job.jobId, job.tempDir, e.toString());
            }
        }
        log.info("job {} {}{}", job.jobId, state, error == null ? "" : ": " + Errors.describe(error));
        journal.jobEnded(job);
    }
}
