package dev.quern.cli;

import dev.quern.coordinator.Coordinator;
import dev.quern.coordinator.CoordinatorConfig;

/** {@code mr coordinator} as a {@link DaemonRunner.Daemon}. */
final class CoordinatorDaemon implements DaemonRunner.Daemon {

    private final MemberOptions.Member member;
    private final int port;
    private volatile Coordinator coordinator;

    CoordinatorDaemon(DaemonSettings settings) {
        member = MemberOptions.read(settings);
        port = settings.integer("port", 0, 0, 65535);
    }

    @Override
    public String start() throws Exception {
        coordinator = new Coordinator(new CoordinatorConfig(member.zk(), member.zkRoot(), member.host(),
                member.advertiseHost(), port, member.sessionTimeout(), member.zkTimeout()));
        coordinator.start();
        return coordinator.id() + " ready: client " + member.advertiseHost() + ":" + coordinator.clientPort()
                + ", ZooKeeper " + member.zk() + member.zkRoot() + ", pid " + ProcessHandle.current().pid();
    }

    @Override
    public void close() throws Exception {
        if (coordinator != null) {
            coordinator.close();
        }
    }
}
