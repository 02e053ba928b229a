package dev.quern.executor.control;

import dev.quern.proto.ControlEnvelope;
import dev.quern.proto.FetchFailed;
import dev.quern.proto.TaskUpdate;
import io.netty.channel.Channel;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The connection to the current leader, as far as this executor knows. Final task updates that find
 * no live connection are kept and sent when a leader next says hello, so a result is not lost to a
 * reconnect.
 */
public final class CoordinatorLink {

    private static final int MAX_HELD = 10_000;

    private Channel channel;
    private long epoch;
    private final Deque<TaskUpdate> held = new ArrayDeque<>();

    /** Accepts a leader's connection unless an newer epoch was seen; sends what was held. */
    public synchronized boolean attach(Channel ch, long leaderEpoch) {
        if (leaderEpoch < epoch) {
            return false;
        }
        epoch = leaderEpoch;
        channel = ch;
        while (!held.isEmpty()) {
            send(held.poll());
        }
        return true;
    }

    public synchronized long epoch() {
        return epoch;
    }

    public synchronized void detach(Channel ch) {
        if (channel == ch) {
            channel = null;
        }
    }

    public synchronized void send(TaskUpdate update) {
        boolean last = update.getState() != TaskUpdate.State.RUNNING;
        if (channel == null || !channel.isActive()) {
            if (last && held.size() < MAX_HELD) {
                held.add(update);
            }
            return;
        }
        channel.writeAndFlush(ControlEnvelope.newBuilder().setEpoch(epoch).setTaskUpdate(update).build()).addListener(f -> {
            if (!f.isSuccess() && last) {
                hold(update);
            }
        });
    }

    /**
     * Sends a reduce attempt's fetch failure report; dropped without a connection (the attempt
     * reports again after its next round of tries, so nothing waits on this one).
     */
    public synchronized void send(FetchFailed report) {
        if (channel != null && channel.isActive()) {
            channel.writeAndFlush(ControlEnvelope.newBuilder().setEpoch(epoch).setFetchFailed(report).build());
        }
    }

    private synchronized void hold(TaskUpdate update) {
        if (held.size() < MAX_HELD) {
            held.add(update);
        }
    }
}
