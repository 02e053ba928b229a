package dev.quern.executor.membership;

import dev.quern.proto.ExecutorInfo;
import dev.quern.zk.ZkPaths;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor's membership of the cluster, tied to its ZooKeeper session. A short disconnection
 * ({@code SUSPENDED}, then {@code RECONNECTED} in the same session) changes nothing: tasks keep
 * running. When the session is lost, the znode is gone and the coordinator has already given this
 * executor's work to others, so everything done under the old membership must stop: {@code expired}
 * runs (kill every attempt, forget every map output). Once ZooKeeper is reachable again (a new
 * session), the executor registers again, as a new member with a new id, and {@code registered}
 * hears the id.
 */
public final class Membership implements ConnectionStateListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Membership.class);

    private final CuratorFramework zk;
    private final ExecutorRegistration registration;
    private final Supplier<ExecutorInfo> info;
    private final Runnable expired;
    private final Consumer<String> registered;
    // ZooKeeper calls and the expiry's clean-up must not run on Curator's event thread.
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "quern-membership");
        t.setDaemon(true);
        return t;
    });
    // Both touched only on the worker thread. Curator may report one expiry more than once
    // (LOST, RECONNECTED, LOST again): the session ids make each step happen once per session.
    private long registeredSession;
    private long cleanedSession;
    private volatile boolean closed;

    public Membership(CuratorFramework zk, ZkPaths paths, Supplier<ExecutorInfo> info, Runnable expired,
            Consumer<String> registered) {
        this.zk = zk;
        this.registration = new ExecutorRegistration(zk, paths);
        this.info = info;
        this.expired = expired;
        this.registered = registered;
    }

    /** Registers for the first time; returns the executor id. */
    public String start() throws Exception {
        String id = registration.register(info.get());
        registeredSession = registration.ownerSession();
        zk.getConnectionStateListenable().addListener(this);
        return id;
    }

    @Override
    public void stateChanged(CuratorFramework client, ConnectionState state) {
        if (closed) {
            return;
        }
        switch (state) {
            case LOST -> worker.execute(this::stopOldMembership);
            case RECONNECTED, CONNECTED -> worker.execute(this::registerIfSessionChanged);
            case SUSPENDED -> log.info("ZooKeeper connection suspended: tasks keep running while the session lasts");
            case READ_ONLY -> { }
        }
    }

    /** The session that registered this executor is gone: stop its work, once. */
    private void stopOldMembership() {
        if (cleanedSession != registeredSession && !closed) {
            cleanedSession = registeredSession;
            log.warn("ZooKeeper session lost: stopping every attempt and dropping every map output; "
                    + "this executor will join again as a new member");
            expired.run();
        }
    }

    private void registerIfSessionChanged() {
        try {
            long session = zk.getZookeeperClient().getZooKeeper().getSessionId();
            if (session == registeredSession || closed) {
                return; // a reconnection within the same session: the membership stands
            }
            stopOldMembership();
            String id = registration.register(info.get());
            registeredSession = registration.ownerSession();
            log.info("registered again as {}", id);
            registered.accept(id);
        } catch (Exception e) {
            // The connection dropped again: the next RECONNECTED tries again.
            log.warn("could not register again: {}", e.toString());
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        zk.getConnectionStateListenable().removeListener(this);
        registration.deregister();
        worker.shutdown();
        worker.awaitTermination(10, TimeUnit.SECONDS);
    }
}
