package dev.quern.local;

import static dev.quern.testing.RawWire.concat;
import static dev.quern.testing.RawWire.connect;
import static dev.quern.testing.RawWire.frame;
import static dev.quern.testing.RawWire.read;
import static dev.quern.testing.RawWire.replyThenEof;
import static dev.quern.testing.RawWire.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.api.Job;
import dev.quern.client.LeaderWatch;
import dev.quern.examples.WordCount;
import dev.quern.executor.Executor;
import dev.quern.job.EngineOptions;
import dev.quern.job.JobSpecs;
import dev.quern.proto.ClientEnvelope;
import dev.quern.proto.ControlEnvelope;
import dev.quern.proto.Error;
import dev.quern.proto.ExecutorInfo;
import dev.quern.proto.GetJobStatus;
import dev.quern.proto.Hello;
import dev.quern.proto.JobStatus;
import dev.quern.proto.LaunchTask;
import dev.quern.proto.LeaderInfo;
import dev.quern.proto.SubmitJob;
import dev.quern.proto.TaskAssignment;
import dev.quern.testing.Corpus;
import dev.quern.testing.Outputs;
import dev.quern.testing.SequentialRunner;
import dev.quern.testing.Wait;
import dev.quern.zk.ZkPaths;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bytes no Quern peer would send, written with plain {@code java.net} sockets to the coordinator's
 * client port and the executors' control ports of one embedded cluster: each connection gets one
 * {@code Error} frame (and, where the protocol says so, EOF; frames pipelined behind a refused one are
 * not served), and afterwards the same cluster still runs a job correctly. The tests run in order;
 * the last one is the proof that the daemons survived and the executors still follow the leader.
 */
@Timeout(180)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MalformedFrameTest {

    /** Garbage: a length just under 2 GiB, an HTTP request ("GET " is 1.2 GB), a body that is not protobuf. */
    private static final List<byte[]> GARBAGE = List.of(
            new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3},
            "GET / HTTP/1.1\r\nHost: quern\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
            new byte[] {0, 0, 0, 3, (byte) 0xff, (byte) 0xff, (byte) 0xff});

    @TempDir
    static Path dir;
    static TestingServer zk;
    static LocalCluster cluster;
    static CuratorFramework curator;
    static LeaderInfo leader;
    static Path corpus;

    @BeforeAll
    static void start() throws Exception {
        zk = new TestingServer();
        corpus = new Corpus(11, 800).write(dir.resolve("corpus/words.txt"), 120_000, "\n");
        cluster = LocalCluster.builder().executors(2).zookeeper(zk.getConnectString())
                .workDir(dir.resolve("cluster")).jobTimeout(Duration.ofSeconds(60)).start();
        curator = CuratorFrameworkFactory.newClient(cluster.zkConnect(), new ExponentialBackoffRetry(200, 5));
        curator.start();
        leader = LeaderWatch.await(curator, new ZkPaths(cluster.zkRoot()), Duration.ofSeconds(30));
        assertThat(leader.getEpoch()).isGreaterThanOrEqualTo(1);
        // Until the leader has said hello, an executor follows epoch 0 and a Hello of epoch 0 is not stale.
        Wait.until("both executors to follow epoch " + leader.getEpoch(), Duration.ofSeconds(30),
                () -> cluster.executors().stream().allMatch(e -> e.leaderEpoch() == leader.getEpoch()));
    }

    @AfterAll
    static void stop() throws Exception {
        curator.close();
        cluster.close();
        zk.close();
    }

    @Test
    @Order(1)
    void clientPortAnswersGarbageWithMalformedFrameThenCloses() {
        for (byte[] garbage : GARBAGE) {
            Error error = clientReplyThenEof(garbage);
            assertThat(error.getCode()).as("reply to %s", Arrays.toString(garbage)).isEqualTo(Error.Code.MALFORMED_FRAME);
            assertThat(error.getMessage()).startsWith("malformed frame: ");
        }
    }

    @Test
    @Order(2)
    void clientPortRefusesWhatOnlyTheCoordinatorSendsAndKeepsServing() throws IOException {
        try (Socket s = connect(leader.getHost(), leader.getClientPort())) {
            JobStatus status = JobStatus.newBuilder().setJobId("job-0000000001").setState(JobStatus.State.SUCCEEDED).build();
            send(s, frame(ClientEnvelope.newBuilder().setRequestId(41).setJobStatus(status).build()));
            ClientEnvelope refused = read(s, ClientEnvelope.parser());
            assertThat(refused.getRequestId()).isEqualTo(41);
            assertThat(refused.getError().getCode()).isEqualTo(Error.Code.INVALID_ARGUMENT);
            assertThat(refused.getError().getMessage()).contains("JOB_STATUS");

            send(s, frame(ClientEnvelope.getDefaultInstance())); // a zero-length frame: no body at all
            ClientEnvelope empty = read(s, ClientEnvelope.parser());
            assertThat(empty.getError().getCode()).isEqualTo(Error.Code.INVALID_ARGUMENT);
            assertThat(empty.getError().getMessage()).contains("BODY_NOT_SET");

            send(s, frame(ClientEnvelope.newBuilder().setRequestId(42)
                    .setGetJobStatus(GetJobStatus.newBuilder().setJobId("job-4242424242")).build()));
            ClientEnvelope answered = read(s, ClientEnvelope.parser());
            assertThat(answered.getRequestId()).as("the connection still serves requests").isEqualTo(42);
            assertThat(answered.getError().getCode()).isEqualTo(Error.Code.NOT_FOUND);
            assertThat(answered.getError().getMessage()).contains("job-4242424242");
        }
    }

    @Test
    @Order(3)
    void controlPortAnswersGarbageWithMalformedFrameThenCloses() {
        for (Executor executor : cluster.executors()) {
            for (byte[] garbage : GARBAGE) {
                Error error = controlReplyThenEof(executor.info(), garbage);
                assertThat(error.getCode()).as("%s's reply to %s", executor.id(), Arrays.toString(garbage))
                        .isEqualTo(Error.Code.MALFORMED_FRAME);
                assertThat(error.getMessage()).startsWith("malformed control frame: ");
            }
        }
    }

    @Test
    @Order(4)
    void controlPortRefusesALaunchBeforeHello() {
        for (Executor executor : cluster.executors()) {
            Error error = controlReplyThenEof(executor.info(), launch());
            assertThat(error.getCode()).isEqualTo(Error.Code.INVALID_ARGUMENT);
            assertThat(error.getMessage()).contains("LAUNCH_TASK before Hello");
        }
    }

    @Test
    @Order(5)
    void controlPortRefusesAHelloFromAnOlderEpoch() {
        for (Executor executor : cluster.executors()) {
            Error error = controlReplyThenEof(executor.info(), hello(0));
            assertThat(error.getCode()).isEqualTo(Error.Code.STALE_EPOCH);
            assertThat(error.getMessage()).contains("epoch 0").contains("follows epoch " + leader.getEpoch());
            assertThat(executor.leaderEpoch()).isEqualTo(leader.getEpoch());
        }
    }

    /** A submit in the same write as a malformed frame must not run: the connection is closed, not served. */
    @Test
    @Order(6)
    void aRequestPipelinedAfterAMalformedFrameIsDropped() {
        byte[] submit = frame(ClientEnvelope.newBuilder().setRequestId(9).setSubmitJob(SubmitJob.newBuilder()
                .setSpec(JobSpecs.toSpec(wordCount(dir.resolve("rogue-out"))))).build());
        assertThat(clientReplyThenEof(concat(GARBAGE.get(2), submit)).getCode()).isEqualTo(Error.Code.MALFORMED_FRAME);
        // The last test checks that ZooKeeper records no job but its own.
    }

    /**
     * A Hello of the leader's own epoch in the same write as a refused frame must be dropped too: if
     * served, the dying connection would become the executor's link to the leader, and its close
     * would leave the executor holding every task update (the job in the last test would hang).
     */
    @Test
    @Order(7)
    void aHelloPipelinedAfterARefusalIsDropped() {
        Map<byte[], Error.Code> refusals = Map.of(GARBAGE.get(2), Error.Code.MALFORMED_FRAME,
                launch(), Error.Code.INVALID_ARGUMENT, hello(0), Error.Code.STALE_EPOCH);
        for (Executor executor : cluster.executors()) {
            refusals.forEach((refused, code) -> assertThat(controlReplyThenEof(executor.info(),
                    concat(refused, hello(leader.getEpoch()))).getCode())
                    .as("%s: a Hello behind a frame refused with %s", executor.id(), code).isEqualTo(code));
        }
    }

    @Test
    @Order(8)
    void afterAllThatAWordCountStillEqualsTheOracle() throws Exception {
        assertThat(LeaderWatch.await(curator, new ZkPaths(cluster.zkRoot()), Duration.ofSeconds(5))).isEqualTo(leader);
        assertThat(cluster.executors()).allSatisfy(e -> assertThat(e.leaderEpoch()).isEqualTo(leader.getEpoch()));
        Job job = wordCount(dir.resolve("out"));

        JobStatus end = cluster.run(job, status -> {});

        assertThat(end.getState()).as("job %s: %s", end.getJobId(), end.getError().getMessage())
                .isEqualTo(JobStatus.State.SUCCEEDED);
        assertThat(end.getProgress().getMapsTotal()).isGreaterThan(2);
        assertThat(Outputs.parts(job.output(), 3)).isEqualTo(SequentialRunner.run(job));
        assertThat(curator.getChildren().forPath(new ZkPaths(cluster.zkRoot()).jobs())).as("jobs ever recorded")
                .containsExactly(end.getJobId());
    }

    private static byte[] launch() {
        TaskAssignment.Builder assignment = TaskAssignment.newBuilder().setJobId("job-rogue").setTaskId("m-00000")
                .setAttemptId("m-00000.1");
        return frame(ControlEnvelope.newBuilder().setEpoch(leader.getEpoch())
                .setLaunchTask(LaunchTask.newBuilder().setAssignment(assignment)).build());
    }

    private static byte[] hello(long epoch) {
        return frame(ControlEnvelope.newBuilder().setEpoch(epoch)
                .setHello(Hello.newBuilder().setCoordinatorId("c-rogue:1")).build());
    }

    private static Job wordCount(Path output) {
        return Job.builder("wordcount").input(corpus).mapper(WordCount.TokenizerMapper.class)
                .combiner(WordCount.SumReducer.class).reducer(WordCount.SumReducer.class)
                .mapOutput(String.class, Long.class).reducers(3).output(output)
                .set(EngineOptions.SPLIT_SIZE, Long.toString(16 * 1024)).build();
    }

    private static Error clientReplyThenEof(byte[] bytes) {
        ClientEnvelope reply = replyThenEof(leader.getHost(), leader.getClientPort(), ClientEnvelope.parser(), bytes);
        assertThat(reply.getBodyCase()).isEqualTo(ClientEnvelope.BodyCase.ERROR);
        return reply.getError();
    }

    private static Error controlReplyThenEof(ExecutorInfo executor, byte[] bytes) {
        ControlEnvelope reply = replyThenEof(executor.getHost(), executor.getControlPort(), ControlEnvelope.parser(), bytes);
        assertThat(reply.getBodyCase()).isEqualTo(ControlEnvelope.BodyCase.ERROR);
        return reply.getError();
    }
}
