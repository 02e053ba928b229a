package dev.quern.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mr cluster down}: stops what {@code mr cluster up} started in DIR. */
@Command(name = "down", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Stop the cluster started in DIR: executors first, then coordinators, then ZooKeeper. Each gets "
                + "SIGTERM (a clean close) and, after --grace, SIGKILL. Pid files are removed; logs and data stay.",
                "Exit: 0 stopped (or nothing was running), 1 a process would not die."})
final class ClusterDownCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ClusterLayout.DEFAULT_DIR,
            description = "the directory given to mr cluster up (default ./${DEFAULT-VALUE})")
    private Path dir;

    @Option(names = "--grace", defaultValue = "15", paramLabel = "SECONDS",
            description = "how long each group of daemons may take to stop cleanly (default ${DEFAULT-VALUE})")
    private int graceSeconds;

    @Override
    public Integer call() throws Exception {
        ClusterLayout layout = new ClusterLayout(dir.toAbsolutePath().normalize());
        PrintWriter out = spec.commandLine().getOut();
        int stopped;
        try {
            stopped = stopAll(layout, Duration.ofSeconds(Math.max(1, graceSeconds)), out);
        } catch (IOException e) {
            spec.commandLine().getErr().println("mr cluster down: " + e.getMessage());
            return 1;
        }
        if (stopped < 0) {
            spec.commandLine().getErr().println("mr cluster down: some processes would not die; see above");
            return 1;
        }
        out.printf("cluster in %s stopped: %d process(es)%n", layout.dir(), stopped);
        out.flush();
        return 0;
    }

    /** Stops every member in order, group by group; returns how many were running, or -1 if one survived SIGKILL. */
    static int stopAll(ClusterLayout layout, Duration grace, PrintWriter out) throws IOException, InterruptedException {
        int count = 0;
        boolean survivor = false;
        List<ClusterLayout.Member> members = layout.members();
        for (String group : List.of("executor", "coordinator", "zookeeper")) {
            List<ClusterLayout.Member> inGroup = members.stream().filter(m -> m.name().startsWith(group)).toList();
            List<ProcessHandle> live = new ArrayList<>();
            for (ClusterLayout.Member m : inGroup) {
                Optional<ProcessHandle> h = m.live();
                h.ifPresent(p -> {
                    p.destroy();
                    live.add(p);
                    out.printf("stopping %s (pid %d)%n", m.name(), p.pid());
                });
            }
            count += live.size();
            for (ProcessHandle p : live) {
                if (!awaitExit(p, grace)) {
                    out.printf("pid %d did not stop within %d s: killing it%n", p.pid(), grace.toSeconds());
                    p.destroyForcibly();
                    survivor |= !awaitExit(p, Duration.ofSeconds(10));
                }
            }
            for (ClusterLayout.Member m : inGroup) {
                Files.deleteIfExists(m.pidFile());
            }
        }
        out.flush();
        return survivor ? -1 : count;
    }

    private static boolean awaitExit(ProcessHandle p, Duration timeout) throws InterruptedException {
        try {
            p.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return !p.isAlive();
        }
    }
}
