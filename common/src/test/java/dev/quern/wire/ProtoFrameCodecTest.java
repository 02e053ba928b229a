package dev.quern.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import dev.quern.proto.ClientEnvelope;
import dev.quern.proto.ControlEnvelope;
import dev.quern.proto.Error;
import dev.quern.proto.Hello;
import dev.quern.proto.InputSpec;
import dev.quern.proto.JobSpec;
import dev.quern.proto.JobSubmitted;
import dev.quern.proto.LaunchTask;
import dev.quern.proto.ShuffleEnvelope;
import dev.quern.proto.TaskAssignment;
import dev.quern.proto.TaskUpdate;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.TooLongFrameException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link ProtoFrameEncoder} and {@link ProtoFrameDecoder} on an {@link EmbeddedChannel}: streams of
 * frames fed in at every byte boundary and at seeded random ones, oversized and unparsable frames,
 * and the empty frame. Every buffer, those fed in and those the codec allocates, comes from a
 * {@link TrackingAllocator} and must be released by the end of each test.
 */
@Timeout(60)
class ProtoFrameCodecTest {

    private static final int LIMIT = 100;

    private final TrackingAllocator alloc = new TrackingAllocator();

    @AfterEach
    void everyBufferReleased() {
        assertThat(alloc.allocated).isNotEmpty().allSatisfy(b -> assertThat(b.refCnt()).as("refCnt of %s", b).isZero());
    }

    @Test
    void framesSplitAtEveryByteDecodeInOrder() {
        List<ControlEnvelope> sent = envelopes();
        byte[] stream = encode(Frames.MAX_CONTROL_FRAME, sent);
        List<byte[]> chunks = new ArrayList<>();
        for (int i = 0; i < stream.length; i++) {
            chunks.add(new byte[] {stream[i]});
        }
        assertThat(decode(chunks)).isEqualTo(sent);
    }

    @Test
    void framesSplitAtSeededRandomBoundariesDecodeInOrder() {
        List<ControlEnvelope> sent = envelopes();
        byte[] stream = encode(Frames.MAX_CONTROL_FRAME, sent);
        for (long seed = 1; seed <= 30; seed++) {
            Random random = new Random(seed);
            int maxChunk = 1 + random.nextInt(seed % 3 == 0 ? 8 : seed % 3 == 1 ? 300 : 30_000);
            List<byte[]> chunks = new ArrayList<>();
            for (int from = 0; from < stream.length; ) {
                int to = Math.min(stream.length, from + 1 + random.nextInt(maxChunk));
                chunks.add(Arrays.copyOfRange(stream, from, to));
                from = to;
            }
            assertThat(decode(chunks)).as("seed %d, chunks up to %d bytes", seed, maxChunk).isEqualTo(sent);
        }
    }

    @Test
    void aFrameOfExactlyTheLimitPassesBothWaysWithAFourByteBigEndianLength() {
        ClientEnvelope max = ofSize(LIMIT);
        byte[] frame = encode(LIMIT, List.of(max));
        assertThat(frame).hasSize(4 + LIMIT).startsWith(0, 0, 0, LIMIT);
        assertThat(decode(ClientEnvelope.parser(), LIMIT, frame)).containsExactly(max);
    }

    @Test
    void aLengthAboveTheLimitFailsAsSoonAsTheFourthByteArrives() {
        EmbeddedChannel ch = new EmbeddedChannel(new ProtoFrameDecoder<>(ClientEnvelope.parser(), LIMIT));
        ch.config().setAllocator(alloc);
        byte[] header = {0, 0, 0, (byte) (LIMIT + 1)};
        for (int i = 0; i < 3; i++) {
            assertThat(ch.writeInbound(buffer(new byte[] {header[i]}))).isFalse();
        }
        assertThatThrownBy(() -> ch.writeInbound(buffer(new byte[] {header[3], 1, 2, 3})))
                .isInstanceOf(TooLongFrameException.class).isInstanceOf(DecoderException.class)
                .hasMessageContaining(Integer.toString(LIMIT + Frames.LENGTH_BYTES));
        assertThat((Object) ch.readInbound()).isNull();
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aLengthWithTheTopBitSetIsTooLongNotNegative() {
        for (int length : new int[] {0x7fffffff, 0x80000000, 0xffffffff}) {
            EmbeddedChannel ch = new EmbeddedChannel(new ProtoFrameDecoder<>(ClientEnvelope.parser(), Frames.MAX_CONTROL_FRAME));
            ch.config().setAllocator(alloc);
            byte[] bytes = {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length, 9, 9};
            assertThatThrownBy(() -> ch.writeInbound(buffer(bytes))).as("length %08x", length)
                    .isInstanceOf(TooLongFrameException.class);
            assertThat((Object) ch.readInbound()).isNull();
            assertThat(ch.finishAndReleaseAll()).isFalse();
        }
    }

    @Test
    void aBodyThatIsNotAnEnvelopeIsACorruptedFrameNamingItsSize() {
        EmbeddedChannel ch = new EmbeddedChannel(new ProtoFrameDecoder<>(ClientEnvelope.parser(), LIMIT));
        ch.config().setAllocator(alloc);
        byte[] bytes = {0, 0, 0, 3, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        assertThatThrownBy(() -> ch.writeInbound(buffer(bytes)))
                .isInstanceOf(CorruptedFrameException.class).hasMessageContaining("frame of 3 bytes is not a valid envelope");
        assertThat((Object) ch.readInbound()).isNull();
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void theEncoderRefusesAMessageOverItsLimit() {
        EmbeddedChannel ch = new EmbeddedChannel(new ProtoFrameEncoder(LIMIT));
        ch.config().setAllocator(alloc);
        assertThatThrownBy(() -> ch.writeOutbound(ofSize(LIMIT + 1)))
                .isInstanceOf(EncoderException.class).hasMessageContaining((LIMIT + 1) + " bytes exceeds the limit of " + LIMIT);
        assertThat((Object) ch.readOutbound()).isNull();
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    /** An empty body is valid protobuf: every handler's exhaustive switch must answer BODY_NOT_SET. */
    @Test
    void aZeroLengthFrameIsTheDefaultEnvelopeWithNoBody() {
        byte[] empty = {0, 0, 0, 0};
        assertThat(encode(LIMIT, List.of(ClientEnvelope.getDefaultInstance()))).isEqualTo(empty);

        ClientEnvelope client = decode(ClientEnvelope.parser(), LIMIT, empty).get(0);
        ControlEnvelope control = decode(ControlEnvelope.parser(), LIMIT, empty).get(0);
        ShuffleEnvelope shuffle = decode(ShuffleEnvelope.parser(), LIMIT, empty).get(0);

        assertThat(client).isEqualTo(ClientEnvelope.getDefaultInstance());
        assertThat(client.getBodyCase()).isEqualTo(ClientEnvelope.BodyCase.BODY_NOT_SET);
        assertThat(control.getBodyCase()).isEqualTo(ControlEnvelope.BodyCase.BODY_NOT_SET);
        assertThat(control.getEpoch()).isZero();
        assertThat(shuffle.getBodyCase()).isEqualTo(ShuffleEnvelope.BodyCase.BODY_NOT_SET);
    }

    /** Envelopes of 0 bytes to ~20 KB, so length prefixes differ in more than their last byte. */
    private static List<ControlEnvelope> envelopes() {
        JobSpec.Builder spec = JobSpec.newBuilder().setName("wordcount").setOutput("/out").setNumReducers(3);
        InputSpec.Builder input = InputSpec.newBuilder().setFormat(InputSpec.Format.TEXT).setMapperClass("a.Mapper");
        for (int i = 0; i < 400; i++) {
            input.addPaths("/data/corpus/part-" + i + ".txt");
        }
        spec.addInputs(input);
        TaskAssignment assignment = TaskAssignment.newBuilder().setJobId("job-0000000007").setTaskId("m-00003")
                .setAttemptId("m-00003.1").setJob(spec).build();
        return List.of(
                ControlEnvelope.newBuilder().setEpoch(3).setHello(Hello.newBuilder().setCoordinatorId("c-127.0.0.1:4000")).build(),
                ControlEnvelope.getDefaultInstance(),
                ControlEnvelope.newBuilder().setEpoch(3).setLaunchTask(LaunchTask.newBuilder().setAssignment(assignment)).build(),
                ControlEnvelope.newBuilder().setEpoch(3).setTaskUpdate(TaskUpdate.newBuilder().setJobId("job-0000000007")
                        .setAttemptId("m-00003.1").setState(TaskUpdate.State.FAILED).setProgress(0.5f)
                        .setError(Errors.of(Error.Code.USER_CODE_FAILED, "map threw", false))).build(),
                ControlEnvelope.newBuilder().setEpoch(Long.MAX_VALUE)
                        .setError(Errors.of(Error.Code.MALFORMED_FRAME, "ü ∑ 𝄞", true)).build());
    }

    /** A client envelope whose serialized size is exactly {@code size} (at least 4, under 128). */
    private static ClientEnvelope ofSize(int size) {
        ClientEnvelope e = ClientEnvelope.newBuilder()
                .setJobSubmitted(JobSubmitted.newBuilder().setJobId("j".repeat(size - 4))).build();
        assertThat(e.getSerializedSize()).isEqualTo(size);
        return e;
    }

    private byte[] encode(int limit, List<? extends MessageLite> messages) {
        EmbeddedChannel ch = new EmbeddedChannel(new ProtoFrameEncoder(limit));
        ch.config().setAllocator(alloc);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (MessageLite m : messages) {
            assertThat(ch.writeOutbound(m)).isTrue();
            ByteBuf frame = ch.readOutbound();
            byte[] bytes = new byte[frame.readableBytes()];
            frame.readBytes(bytes);
            frame.release();
            out.writeBytes(bytes);
        }
        assertThat(ch.finishAndReleaseAll()).isFalse();
        return out.toByteArray();
    }

    private List<ControlEnvelope> decode(List<byte[]> chunks) {
        return decode(ControlEnvelope.parser(), Frames.MAX_CONTROL_FRAME, chunks.toArray(new byte[0][]));
    }

    private <T extends MessageLite> List<T> decode(Parser<T> parser, int limit, byte[]... chunks) {
        EmbeddedChannel ch = new EmbeddedChannel(new ProtoFrameDecoder<>(parser, limit));
        ch.config().setAllocator(alloc);
        List<T> received = new ArrayList<>();
        for (byte[] chunk : chunks) {
            ch.writeInbound(buffer(chunk));
            for (T m; (m = ch.readInbound()) != null; ) {
                received.add(m);
            }
        }
        assertThat(ch.finish()).as("messages left over").isFalse();
        return received;
    }

    private ByteBuf buffer(byte[] bytes) {
        return alloc.buffer(bytes.length).writeBytes(bytes);
    }

    /** Unpooled heap buffers, each remembered, so a test can check that all were released. */
    private static final class TrackingAllocator extends AbstractByteBufAllocator {
        final List<ByteBuf> allocated = new ArrayList<>();

        TrackingAllocator() {
            super(false);
        }

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            ByteBuf b = new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity);
            allocated.add(b);
            return b;
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            return newHeapBuffer(initialCapacity, maxCapacity);
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }
    }
}
