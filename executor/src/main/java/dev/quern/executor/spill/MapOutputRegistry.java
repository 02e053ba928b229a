package dev.quern.executor.spill;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The committed map outputs this executor serves, by job and attempt id. A map attempt registers its
 * output only once both files are complete; the shuffle server serves only what is registered, so a
 * request never names a file path.
 */
public final class MapOutputRegistry {

    private final Map<String, Map<String, MapOutput>> byJob = new ConcurrentHashMap<>();

    public void register(String jobId, String attemptId, MapOutput output) {
        byJob.computeIfAbsent(jobId, j -> new ConcurrentHashMap<>()).put(attemptId, output);
    }

    public Optional<MapOutput> find(String jobId, String attemptId) {
        Map<String, MapOutput> outputs = byJob.get(jobId);
        return outputs == null ? Optional.empty() : Optional.ofNullable(outputs.get(attemptId));
    }

    /** Every registered output, as (job id, attempt id) pairs: what a new leader may still use. */
    public List<Map.Entry<String, String>> held() {
        List<Map.Entry<String, String>> held = new ArrayList<>();
        byJob.forEach((job, outputs) -> outputs.keySet().forEach(attempt -> held.add(Map.entry(job, attempt))));
        return held;
    }

    /** Forgets every output (the executor's membership ended); the caller deletes the files. */
    public void clear() {
        byJob.clear();
    }

    /** Forgets a finished job's outputs; the caller deletes the files. */
    public void removeJob(String jobId) {
        byJob.remove(jobId);
    }
}
