package dev.quern.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.ByteBuffer;

/**
 * The frame wire (4-byte length, protobuf envelope) spoken by hand over {@code java.net} sockets,
 * independent of the Netty code under test: to send what a real peer never would, and to read
 * exactly what a daemon puts on the wire.
 */
public final class RawWire {

    /** A read that blocks longer than this fails the test instead of hanging it. */
    public static final int SO_TIMEOUT_MILLIS = 10_000;

    private RawWire() {}

    public static Socket connect(String host, int port) throws IOException {
        Socket s = new Socket(host, port);
        s.setSoTimeout(SO_TIMEOUT_MILLIS);
        return s;
    }

    /** One write, so the daemon reads every byte before it closes (unread bytes would turn its FIN into a reset). */
    public static void send(Socket s, byte[] bytes) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(bytes);
        out.flush();
    }

    public static byte[] frame(MessageLite message) {
        byte[] body = message.toByteArray();
        return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
    }

    public static byte[] concat(byte[] a, byte[] b) {
        return ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
    }

    public static <T extends MessageLite> T read(Socket s, Parser<T> parser) throws IOException {
        DataInputStream in = new DataInputStream(s.getInputStream());
        int length = in.readInt();
        assertThat(length).as("reply frame length").isBetween(0, 64 * 1024);
        byte[] body = new byte[length];
        in.readFully(body);
        return parser.parseFrom(body);
    }

    /** Sends {@code bytes} on a new connection; the daemon must answer with exactly one frame, then close. */
    public static <T extends MessageLite> T replyThenEof(String host, int port, Parser<T> parser, byte[] bytes) {
        try (Socket s = connect(host, port)) {
            send(s, bytes);
            T reply = read(s, parser);
            assertThat(s.getInputStream().read()).as("EOF after the reply from %s:%d", host, port).isEqualTo(-1);
            return reply;
        } catch (IOException e) {
            throw new UncheckedIOException("talking to " + host + ":" + port, e);
        }
    }
}
