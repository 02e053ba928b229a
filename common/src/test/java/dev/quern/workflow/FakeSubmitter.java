package dev.quern.workflow;

import dev.quern.api.Job;
import dev.quern.proto.Error;
import dev.quern.proto.JobStatus;
import dev.quern.wire.QuernException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A cluster as a {@link WorkflowRunner} sees it: every job succeeds (writing {@code OUT/_SUCCESS}, as a
 * commit does) unless told otherwise by name. Records what was submitted.
 */
final class FakeSubmitter implements JobSubmitter {

    enum Behaviour { SUCCEED, FAIL, REFUSE, TIME_OUT, LOSE_CONNECTION }

    final List<String> submitted = new ArrayList<>();
    private final Map<String, Behaviour> behaviours = new HashMap<>();
    private int ids;

    FakeSubmitter when(String jobName, Behaviour behaviour) {
        behaviours.put(jobName, behaviour);
        return this;
    }

    @Override
    public Submission submit(Job job, Consumer<JobStatus> onStatus) {
        Behaviour b = behaviours.getOrDefault(job.name(), Behaviour.SUCCEED);
        if (b == Behaviour.REFUSE) {
            throw new QuernException(Error.newBuilder().setCode(Error.Code.INVALID_ARGUMENT)
                    .setMessage("mapper class com.example.Missing was not found").build());
        }
        submitted.add(job.name());
        String id = "job-" + ++ids;
        // A real cluster may push the first status before the submit's reply is read.
        onStatus.accept(status(id, JobStatus.State.RUNNING, ""));
        return new Submission() {
            @Override
            public String jobId() {
                return id;
            }

            @Override
            public JobStatus await() throws TimeoutException {
                switch (b) {
                    case TIME_OUT -> throw new TimeoutException("after PT1S");
                    case LOSE_CONNECTION -> throw new IllegalStateException("connection to the coordinator closed before job " + id + " ended");
                    case FAIL -> {
                        JobStatus end = status(id, JobStatus.State.FAILED, "task m-00000 failed 4 attempts: probe");
                        onStatus.accept(end);
                        return end;
                    }
                    default -> {
                        try {
                            Files.createDirectories(job.output());
                            Files.createFile(job.output().resolve(OutputState.SUCCESS_MARKER));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        JobStatus end = status(id, JobStatus.State.SUCCEEDED, "");
                        onStatus.accept(end);
                        return end;
                    }
                }
            }
        };
    }

    private static JobStatus status(String id, JobStatus.State state, String error) {
        JobStatus.Builder s = JobStatus.newBuilder().setJobId(id).setState(state);
        if (!error.isEmpty()) {
            s.setError(Error.newBuilder().setCode(Error.Code.USER_CODE_FAILED).setMessage(error));
        }
        return s.build();
    }
}
