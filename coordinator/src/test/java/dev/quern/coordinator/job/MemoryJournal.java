package dev.quern.coordinator.job;

import dev.quern.coordinator.journal.JobJournal;
import dev.quern.proto.AttemptFailure;
import dev.quern.proto.JobEnd;
import dev.quern.proto.JobRecord;
import dev.quern.proto.MapCommit;
import dev.quern.proto.ReduceCommit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A {@link JobJournal} in memory, for job manager tests: jobs are {@code job-1}, {@code job-2}, ... */
final class MemoryJournal implements JobJournal {

    /** What {@link #recordJob} does instead of counting, when a test sets it (e.g. to throw). */
    interface RecordHook {
        String record(JobRecord record) throws Exception;
    }

    final Map<String, JobRecord> records = new LinkedHashMap<>();
    final Map<String, Map<String, MapCommit>> maps = new LinkedHashMap<>();
    final Map<String, Map<String, ReduceCommit>> reduces = new LinkedHashMap<>();
    final Map<String, List<AttemptFailure>> failures = new LinkedHashMap<>();
    final Map<String, JobEnd> ends = new LinkedHashMap<>();
    RecordHook hook;
    /** When set, every write fails as a deposed leader's does. */
    boolean fenced;
    /** When set, every write fails as one to an unreachable ZooKeeper does. */
    boolean unreachable;

    @Override
    public String recordJob(JobRecord record) throws Exception {
        check();
        String id = hook != null ? hook.record(record) : "job-" + (records.size() + 1);
        records.put(id, record);
        maps.put(id, new TreeMap<>());
        reduces.put(id, new TreeMap<>());
        failures.put(id, new ArrayList<>());
        return id;
    }

    @Override
    public void mapCommitted(String jobId, String taskId, MapCommit commit) throws Exception {
        check();
        maps.get(jobId).put(taskId, commit);
    }

    @Override
    public void mapLost(String jobId, String taskId) throws Exception {
        check();
        maps.get(jobId).remove(taskId);
    }

    @Override
    public void reduceCommitted(String jobId, String taskId, ReduceCommit commit) throws Exception {
        check();
        reduces.get(jobId).put(taskId, commit);
    }

    @Override
    public void attemptFailed(String jobId, AttemptFailure failure) throws Exception {
        check();
        failures.get(jobId).add(failure);
    }

    @Override
    public void jobEnded(String jobId, JobEnd end) throws Exception {
        check();
        ends.put(jobId, end);
    }

    @Override
    public List<JournaledJob> unfinished() {
        List<JournaledJob> jobs = new ArrayList<>();
        records.forEach((id, record) -> {
            if (!ends.containsKey(id)) {
                jobs.add(new JournaledJob(id, record, List.copyOf(maps.get(id).values()), List.copyOf(reduces.get(id).values()),
                        List.copyOf(failures.get(id))));
            }
        });
        return jobs;
    }

    private void check() throws FencedException {
        if (fenced) {
            throw new FencedException("a newer leader has taken over", null);
        }
        if (unreachable) {
            throw new IllegalStateException("ZooKeeper is unreachable");
        }
    }
}
