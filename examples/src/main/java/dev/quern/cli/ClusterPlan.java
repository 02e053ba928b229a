package dev.quern.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code mr cluster up} starts, as data: one ZooKeeper, then the coordinators and executors,
 * each with its {@code mr} arguments. docker-compose.yml runs the same roles and counts (a test
 * checks the two against each other).
 *
 * @param zkPort ZooKeeper's client port (0: any free port, read back from its ready line)
 */
record ClusterPlan(ClusterLayout layout, int coordinators, int executors, int slots, int zkPort, String host) {

    static final int DEFAULT_COORDINATORS = 2;
    static final int DEFAULT_EXECUTORS = 3;

    /** One process: its name (for the pid and log files), role, heap and {@code mr} arguments. */
    record Member(String name, String role, String heap, List<String> args) {}

    Member zookeeper() {
        return new Member("zookeeper", "zookeeper", "128m", List.of("zookeeper", "--host", host, "--port", Integer.toString(zkPort),
                "--data-dir", layout.zookeeperData().toString()));
    }

    /** The members, once ZooKeeper listens at {@code zkConnect}. */
    List<Member> members(String zkConnect) {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < coordinators; i++) {
            members.add(new Member("coordinator-" + i, "coordinator", "256m",
                    List.of("coordinator", "--zk", zkConnect, "--host", host)));
        }
        for (int i = 0; i < executors; i++) {
            members.add(new Member("executor-" + i, "executor", "512m", List.of("executor", "--zk", zkConnect, "--host", host,
                    "--slots", Integer.toString(slots), "--work-dir", layout.executorWork(i).toString())));
        }
        return members;
    }
}
