package dev.quern.executor.reduce;

import dev.quern.proto.MapOutputsAvailable;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The mailbox of one reduce attempt: created when the attempt is launched (before it runs), so that
 * map outputs the leader announces are never lost, and read by the attempt's copy loop. The loop's
 * own events (fetches done, retries due, merges done) go through the same queue, so it handles
 * everything on one thread, in order.
 *
 * <p>Thread-safe.
 */
public final class MapOutputFeed {

    private final BlockingQueue<CopyEvent> events = new LinkedBlockingQueue<>();

    /** Adds the new and obsolete map outputs of {@code message}; called on a control channel thread. */
    public void offer(MapOutputsAvailable message) {
        message.getMapOutputsList().forEach(l -> events.add(new CopyEvent.Available(l)));
        message.getObsoleteList().forEach(o -> events.add(new CopyEvent.Obsolete(o.getMapIndex(), o.getAttemptId())));
    }

    void post(CopyEvent event) {
        events.add(event);
    }

    /** The next event if there is one, else null. */
    CopyEvent poll() {
        return events.poll();
    }

    /** The next event, waiting for one; interrupted when the attempt is killed. */
    CopyEvent take() throws InterruptedException {
        return events.take();
    }
}
