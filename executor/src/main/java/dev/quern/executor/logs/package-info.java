/**
 * Task attempt logs: what a user's Mapper or Reducer prints, kept per attempt on the executor that
 * ran it and served to {@code mr logs} over the shuffle port.
 *
 * <pre>
 * WORK/logs/JOB/ATTEMPT.log     e.g. WORK/logs/job-0000000003/m-00002.e1.1.log
 *   the attempt's System.out and System.err (routed by thread, {@link dev.quern.executor.logs.AttemptOutput}),
 *   the daemon's own log lines written on the attempt's thread, and the stack trace of a failure;
 *   capped at {@value dev.quern.executor.logs.AttemptLogs#MAX_LOG_BYTES} bytes, then one line saying so.
 * </pre>
 *
 * Unlike {@code WORK/jobs/JOB}, a job's logs outlive the job, so they can be read after it failed.
 * An executor keeps the logs of its last {@value dev.quern.executor.logs.AttemptLogs#JOBS_KEPT} jobs.
 */
package dev.quern.executor.logs;
