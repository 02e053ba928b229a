package dev.quern.executor.shuffle;

import dev.quern.proto.ShuffleEnvelope;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;

/**
 * The shuffle wire spoken by hand over {@code java.net} sockets, independent of the Netty code under
 * test: to send what a real peer never would, and to read exactly what a server puts on the wire.
 */
public final class RawPeer {

    /** How long a raw read may block before the test fails instead of hanging. */
    public static final int SO_TIMEOUT_MILLIS = 20_000;

    /** What a scripted server does with an accepted connection after reading the request frame. */
    public interface Script {
        void run(ShuffleEnvelope request, Socket socket) throws IOException;
    }

    private RawPeer() {}

    public static byte[] frame(ShuffleEnvelope envelope) {
        byte[] body = envelope.toByteArray();
        byte[] frame = new byte[4 + body.length];
        frame[0] = (byte) (body.length >>> 24);
        frame[1] = (byte) (body.length >>> 16);
        frame[2] = (byte) (body.length >>> 8);
        frame[3] = (byte) body.length;
        System.arraycopy(body, 0, frame, 4, body.length);
        return frame;
    }

    public static void writeFrame(OutputStream out, ShuffleEnvelope envelope) throws IOException {
        out.write(frame(envelope));
        out.flush();
    }

    public static ShuffleEnvelope readFrame(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] body = new byte[data.readInt()];
        data.readFully(body);
        return ShuffleEnvelope.parseFrom(body);
    }

    public static byte[] readBytes(InputStream in, int length) throws IOException {
        byte[] bytes = new byte[length];
        new DataInputStream(in).readFully(bytes);
        return bytes;
    }

    public static void writeInt(OutputStream out, int value) throws IOException {
        new DataOutputStream(out).writeInt(value);
        out.flush();
    }

    public static Socket connect(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(SO_TIMEOUT_MILLIS);
        return socket;
    }

    /**
     * Serves one connection with {@code script} on a new thread; the future completes when the
     * script returns (and the connection is closed) or fails with what the script threw.
     */
    public static CompletableFuture<Void> serveOnce(ServerSocket listener, Script script) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        // Its own thread, not the common pool: accept() blocks, and the pool may have one thread.
        Thread thread = new Thread(() -> {
            try (Socket socket = listener.accept()) {
                socket.setSoTimeout(SO_TIMEOUT_MILLIS);
                script.run(readFrame(socket.getInputStream()), socket);
                done.complete(null);
            } catch (IOException | RuntimeException e) {
                done.completeExceptionally(e);
            }
        }, "raw-peer");
        thread.setDaemon(true);
        thread.start();
        return done;
    }

    /** Waits for a condition with a deadline, polling: for effects with no event to wait on. */
    public static void awaitCondition(String what, Check condition) throws Exception {
        awaitCondition(what, java.time.Duration.ofMillis(SO_TIMEOUT_MILLIS), condition);
    }

    /** The same, with a deadline of its own (a cluster test waits on slower effects). */
    public static void awaitCondition(String what, java.time.Duration timeout, Check condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting until " + what);
            }
            Thread.sleep(5);
        }
    }

    /** A condition that may throw, such as one that lists a directory. */
    public interface Check {
        boolean holds() throws Exception;
    }

    /** Waits until the peer closes the connection; fails on a timeout, so it never hangs a test. */
    public static void awaitClose(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] sink = new byte[8192];
        while (in.read(sink) >= 0) {
            // draining until EOF
        }
    }
}
