package dev.quern.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The directory of a cluster started by {@code mr cluster up}:
 *
 * <pre>
 * DIR/zk                       the ZooKeeper connect string (for scripts: --zk "$(cat DIR/zk)")
 * DIR/pids/NAME.pid            one per running process: zookeeper, coordinator-0.., executor-0..
 * DIR/logs/NAME.log            each process's stdout and stderr (its daemon log)
 * DIR/zookeeper/               ZooKeeper's snapshots and transaction logs
 * DIR/executor-I/              executor I's work directory (map outputs, attempt logs, executor.log)
 * </pre>
 */
record ClusterLayout(Path dir) {

    static final String DEFAULT_DIR = "quern-cluster";

    Path pids() { return dir.resolve("pids"); }
    Path logs() { return dir.resolve("logs"); }
    Path zkFile() { return dir.resolve("zk"); }
    Path pidFile(String name) { return pids().resolve(name + ".pid"); }
    Path log(String name) { return logs().resolve(name + ".log"); }
    Path zookeeperData() { return dir.resolve("zookeeper"); }
    Path executorWork(int i) { return dir.resolve("executor-" + i); }

    /** A process named in a pid file. */
    record Member(String name, Path pidFile, long pid) {
        /** The process, if it still runs and is a Quern daemon (a pid can be reused by another program). */
        Optional<ProcessHandle> live() {
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> h.info().commandLine()
                    .map(c -> c.contains("dev.quern.cli.Main") || c.contains("quern")).orElse(true));
        }
    }

    /** Every pid file, executors first, then coordinators, ZooKeeper last: the order to stop them in. */
    List<Member> members() throws IOException {
        if (!Files.isDirectory(pids())) {
            return List.of();
        }
        List<Member> members = new ArrayList<>();
        try (Stream<Path> files = Files.list(pids())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".pid")).sorted().toList()) {
                String name = f.getFileName().toString().replaceFirst("\\.pid$", "");
                String text = Files.readString(f, StandardCharsets.US_ASCII).strip();
                try {
                    members.add(new Member(name, f, Long.parseLong(text)));
                } catch (NumberFormatException e) {
                    throw new IOException("pid file " + f + " holds '" + text + "', not a process id");
                }
            }
        }
        members.sort((a, b) -> Integer.compare(rank(a.name()), rank(b.name())));
        return members;
    }

    private static int rank(String name) {
        return name.startsWith("executor") ? 0 : name.startsWith("coordinator") ? 1 : 2;
    }
}
