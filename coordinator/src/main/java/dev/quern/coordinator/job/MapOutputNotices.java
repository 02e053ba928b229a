package dev.quern.coordinator.job;

import dev.quern.proto.MapOutputLocation;
import dev.quern.proto.MapOutputsAvailable;
import dev.quern.proto.ObsoleteMapOutput;
import java.util.List;

/**
 * Keeps running reduce attempts up to date on their job's map outputs: a reduce may start before every
 * map is done, and its launch lists only the outputs known then. Every message names one reduce
 * attempt; a repeat is harmless (the attempt ignores locations it already has).
 */
final class MapOutputNotices {

    private final Dispatcher dispatcher;

    MapOutputNotices(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** A map of {@code job} succeeded: every live reduce attempt of the job gets its location. */
    void available(JobRun job, MapOutputLocation location) {
        job.liveReduces().forEach(e -> dispatcher.mapOutputs(e.getValue().executorId(),
                message(job, e.getValue()).addMapOutputs(location).build()));
    }

    /**
     * Map outputs of {@code job} are gone (their executor was lost; the maps will rerun): live reduce
     * attempts stop fetching them and wait for the replacements, announced by {@link #available}.
     */
    void obsolete(JobRun job, List<MapOutputLocation> gone) {
        if (gone.isEmpty()) {
            return;
        }
        job.liveReduces().forEach(e -> {
            MapOutputsAvailable.Builder m = message(job, e.getValue());
            gone.forEach(g -> m.addObsolete(ObsoleteMapOutput.newBuilder().setMapIndex(g.getMapIndex()).setAttemptId(g.getAttemptId())));
            dispatcher.mapOutputs(e.getValue().executorId(), m.build());
        });
    }

    /**
     * The executor said hello again: messages sent while its connection was down may be lost, so its
     * live reduce attempts get every location known now.
     */
    void resend(JobRun job, String executorId) {
        List<MapOutputLocation> known = job.knownMapOutputs();
        if (known.isEmpty()) {
            return;
        }
        job.liveReduces().filter(e -> e.getValue().executorId().equals(executorId)).forEach(e ->
                dispatcher.mapOutputs(executorId, message(job, e.getValue()).addAllMapOutputs(known).build()));
    }

    private static MapOutputsAvailable.Builder message(JobRun job, TaskState.Attempt reduce) {
        return MapOutputsAvailable.newBuilder().setJobId(job.jobId).setAttemptId(reduce.attemptId());
    }
}
