package dev.quern.coordinator.job;

import dev.quern.proto.MapTask;
import dev.quern.proto.ReduceTask;
import dev.quern.proto.TaskAssignment;

/** Builds what an executor needs to run one attempt. */
final class Assignments {

    private Assignments() {}

    static TaskAssignment of(JobRun job, TaskState task, String attemptId) {
        TaskAssignment.Builder a = TaskAssignment.newBuilder()
                .setJobId(job.jobId).setTaskId(task.taskId).setAttemptId(attemptId).setJob(job.spec);
        if (task.isMap) {
            MapTask.Builder m = MapTask.newBuilder().setSplit(task.split.orElseThrow());
            if (job.mapOnly()) {
                m.setTempDir(job.tempDir.toString());
            }
            return a.setMap(m).build();
        }
        ReduceTask.Builder r = ReduceTask.newBuilder()
                .setPartition(task.index)
                .setTotalMaps(job.maps.size())
                .setTempDir(job.tempDir.toString());
        // Everything known now; a reduce started early gets the rest in MapOutputsAvailable.
        r.addAllMapOutputs(job.knownMapOutputs());
        return a.setReduce(r).build();
    }
}
