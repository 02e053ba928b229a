package dev.quern.executor.shuffle.server;

import dev.quern.executor.logs.AttemptLogs;
import dev.quern.proto.Error;
import dev.quern.proto.LogRequest;
import dev.quern.proto.LogResponse;
import dev.quern.proto.ShuffleEnvelope;
import dev.quern.wire.Errors;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.file.NoSuchFileException;

/**
 * Answers {@code mr logs}: the list of a job's attempt logs on this executor, or one bounded chunk of
 * one of them. Served beside the map outputs because both are files an executor hands out to peers.
 */
final class LogAnswers {

    private LogAnswers() {}

    static ShuffleEnvelope answer(AttemptLogs logs, LogRequest request) {
        if (logs == null) {
            return ShuffleEnvelope.newBuilder().setLogResponse(LogResponse.getDefaultInstance()).build();
        }
        try {
            LogResponse.Builder response = LogResponse.newBuilder();
            if (request.getAttemptId().isEmpty()) {
                response.addAllLogs(logs.list(request.getJobId()));
            } else {
                byte[] chunk = logs.read(request.getJobId(), request.getAttemptId(), request.getOffset(), request.getMaxBytes());
                response.setData(ByteString.copyFrom(chunk));
            }
            return ShuffleEnvelope.newBuilder().setLogResponse(response).build();
        } catch (NoSuchFileException e) {
            return error(Error.Code.NOT_FOUND, "no log of attempt " + request.getAttemptId() + " of job " + request.getJobId()
                    + " on this executor");
        } catch (IllegalArgumentException e) {
            return error(Error.Code.INVALID_ARGUMENT, e.getMessage());
        } catch (IOException e) {
            return error(Error.Code.IO_ERROR, "cannot read the logs of job " + request.getJobId() + ": " + e);
        }
    }

    private static ShuffleEnvelope error(Error.Code code, String message) {
        return ShuffleEnvelope.newBuilder().setError(Errors.of(code, message, false)).build();
    }
}
