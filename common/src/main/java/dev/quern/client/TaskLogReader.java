package dev.quern.client;

import dev.quern.proto.AttemptLog;
import dev.quern.proto.LogRequest;
import dev.quern.proto.ShuffleEnvelope;
import dev.quern.wire.Frames;
import dev.quern.wire.QuernException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;

/**
 * Reads task attempt logs from one executor's shuffle port ({@code LogRequest} / {@code LogResponse}
 * frames, see shuffle.proto). Blocking, one connection per call, every read bounded by a timeout: a
 * command-line tool asks a handful of executors once.
 */
public final class TaskLogReader implements AutoCloseable {

    private static final int CHUNK = 32 * 1024;

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final String where;

    /** Connects to {@code host:port} within {@code timeout}; each later read also waits at most {@code timeout}. */
    public TaskLogReader(String host, int port, Duration timeout) throws IOException {
        where = host + ":" + port;
        socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            in = new DataInputStream(socket.getInputStream());
            out = new DataOutputStream(socket.getOutputStream());
        } catch (IOException e) {
            socket.close();
            throw new IOException("cannot reach executor " + where + ": " + e.getMessage(), e);
        }
    }

    /** The job's attempt logs this executor holds. */
    public List<AttemptLog> list(String jobId) throws IOException {
        return call(LogRequest.newBuilder().setJobId(jobId).build()).getLogResponse().getLogsList();
    }

    /** Copies one attempt's whole log (as it is now) to {@code sink}; returns the bytes copied. */
    public long copy(String jobId, String attemptId, OutputStream sink) throws IOException {
        long offset = 0;
        while (true) {
            LogRequest request = LogRequest.newBuilder().setJobId(jobId).setAttemptId(attemptId)
                    .setOffset(offset).setMaxBytes(CHUNK).build();
            byte[] chunk = call(request).getLogResponse().getData().toByteArray();
            if (chunk.length == 0) {
                return offset;
            }
            sink.write(chunk);
            offset += chunk.length;
        }
    }

    private ShuffleEnvelope call(LogRequest request) throws IOException {
        byte[] frame = ShuffleEnvelope.newBuilder().setLogRequest(request).build().toByteArray();
        out.writeInt(frame.length);
        out.write(frame);
        out.flush();
        int length = in.readInt();
        if (length < 0 || length > Frames.MAX_SHUFFLE_FRAME) {
            throw new IOException("executor " + where + " sent a frame of " + length + " bytes (limit " + Frames.MAX_SHUFFLE_FRAME + ")");
        }
        byte[] body = new byte[length];
        in.readFully(body);
        ShuffleEnvelope reply = ShuffleEnvelope.parseFrom(body);
        return switch (reply.getBodyCase()) {
            case LOG_RESPONSE -> reply;
            case ERROR -> throw new QuernException(reply.getError());
            case FETCH_REQUEST, FETCH_RESPONSE, LOG_REQUEST, BODY_NOT_SET ->
                    throw new IOException("executor " + where + " answered a LogRequest with " + reply.getBodyCase());
        };
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
