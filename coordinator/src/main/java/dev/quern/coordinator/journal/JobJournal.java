package dev.quern.coordinator.journal;

import dev.quern.proto.AttemptFailure;
import dev.quern.proto.JobEnd;
import dev.quern.proto.JobRecord;
import dev.quern.proto.MapCommit;
import dev.quern.proto.ReduceCommit;
import java.util.List;

/**
 * What the leader writes down about each job so that a new leader can resume it: the job, each
 * finished map's output location, each committed reduce, each failed attempt, the end. Only finished
 * work is recorded; whatever was running when a leader died runs again. The failures are kept so that
 * a task's attempts count toward the job's limit across leaders, and an excluded executor stays so.
 */
public interface JobJournal {

    /** Records a new job; returns its id. */
    String recordJob(JobRecord record) throws Exception;

    /** A map's winning attempt and where its output lives (replacing an earlier one, for a rerun map). */
    void mapCommitted(String jobId, String taskId, MapCommit commit) throws Exception;

    /** A map's output is gone (its executor died): it must run again. */
    void mapLost(String jobId, String taskId) throws Exception;

    void reduceCommitted(String jobId, String taskId, ReduceCommit commit) throws Exception;

    /** An attempt failed (it counts toward its task's attempts, and toward excluding its executor). */
    void attemptFailed(String jobId, AttemptFailure failure) throws Exception;

    void jobEnded(String jobId, JobEnd end) throws Exception;

    /** Every recorded job without an end, with what it had finished. */
    List<JournaledJob> unfinished() throws Exception;

    /** A job as a new leader finds it. */
    record JournaledJob(String jobId, JobRecord record, List<MapCommit> maps, List<ReduceCommit> reduces,
            List<AttemptFailure> failures) {}

    /**
     * This coordinator is no longer the leader: another one took a newer epoch, so its writes are
     * refused. The coordinator must stop scheduling at once.
     */
    final class FencedException extends Exception {
        private static final long serialVersionUID = 1L;

        public FencedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
