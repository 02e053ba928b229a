package dev.quern.cli;

import dev.quern.executor.Executor;
import dev.quern.executor.ExecutorConfig;
import dev.quern.executor.logs.AttemptOutput;
import dev.quern.proto.ExecutorInfo;
import java.nio.file.Path;
import java.util.Optional;

/** {@code mr executor} as a {@link DaemonRunner.Daemon}: an {@link Executor} and its locked work directory. */
final class ExecutorDaemon implements DaemonRunner.Daemon {

    private final MemberOptions.Member member;
    private final int slots;
    private final int controlPort;
    private final int shufflePort;
    private final Optional<Path> workDir;
    private volatile WorkDirLock work;
    private volatile Executor executor;

    ExecutorDaemon(DaemonSettings settings) {
        member = MemberOptions.read(settings);
        slots = settings.integer("slots", Runtime.getRuntime().availableProcessors(), 1, 1024);
        controlPort = settings.integer("control-port", 0, 0, 65535);
        shufflePort = settings.integer("shuffle-port", 0, 0, 65535);
        workDir = settings.optional("work-dir").map(Path::of);
    }

    @Override
    public Optional<Path> defaultLogFile() {
        return workDir.map(d -> d.resolve("executor.log"));
    }

    @Override
    public String start() throws Exception {
        AttemptOutput.install(); // what a task prints goes to its attempt's log (mr logs), not to the daemon's
        work = WorkDirLock.acquire(workDir);
        executor = new Executor(new ExecutorConfig(member.zk(), member.zkRoot(), member.host(), member.advertiseHost(),
                controlPort, shufflePort, slots, work.dir(), member.sessionTimeout(), member.zkTimeout()));
        executor.start();
        ExecutorInfo info = executor.info();
        return info.getExecutorId() + " ready: control " + info.getHost() + ":" + info.getControlPort()
                + " shuffle " + info.getHost() + ":" + info.getShufflePort() + ", " + slots + " slots, work dir "
                + work.dir().toAbsolutePath() + ", pid " + info.getPid();
    }

    @Override
    public void close() throws Exception {
        try {
            if (executor != null) {
                executor.close();
            }
        } finally {
            if (work != null) {
                work.close();
            }
        }
    }
}
