package dev.quern.coordinator.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quern.coordinator.scheduler.Scheduler.FreeSlots;
import dev.quern.coordinator.scheduler.Scheduler.Placement;
import dev.quern.coordinator.scheduler.Scheduler.Waiting;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SchedulerTest {

    @Test
    void eachTaskGoesToTheExecutorWithTheMostFreeSlots() {
        List<FreeSlots> executors = List.of(free("a", 1), free("b", 3), free("c", 2));

        List<Placement> placements = Scheduler.decide(executors, tasks(4));

        // b:3 -> b; b:2 c:2 tie -> b; c:2 -> c; a:1 b:1 c:1 tie -> a.
        assertThat(executorsOf(placements)).containsExactly("b", "b", "c", "a");
    }

    @Test
    void tiesAreBrokenByExecutorIdWhateverTheInputOrder() {
        List<FreeSlots> executors = List.of(free("z", 1), free("a", 1), free("m", 1));

        assertThat(executorsOf(Scheduler.decide(executors, tasks(3)))).containsExactly("a", "m", "z");
    }

    @Test
    void neverPlacesMoreTasksThanFreeSlotsAndTakesTheFirstTasksInOrder() {
        List<Waiting> waiting = tasks(10);

        List<Placement> placements = Scheduler.decide(List.of(free("a", 2), free("b", 1)), waiting);

        assertThat(placements).hasSize(3);
        assertThat(placements).extracting(Placement::taskId).containsExactly("t-0", "t-1", "t-2");
        assertThat(executorsOf(placements)).containsExactly("a", "a", "b");
    }

    @Test
    void noExecutorsNoTasksOrNoFreeSlotsPlaceNothing() {
        assertThat(Scheduler.decide(List.of(), tasks(3))).isEmpty();
        assertThat(Scheduler.decide(List.of(free("a", 4)), List.of())).isEmpty();
        // An executor can be over-full (busy > slots after it came back with fewer slots): negative.
        assertThat(Scheduler.decide(List.of(free("a", 0), free("b", -2)), tasks(3))).isEmpty();
    }

    @Test
    void oneTaskPerSlotWhenThereAreFewerTasksThanSlots() {
        List<Placement> placements = Scheduler.decide(List.of(free("a", 2), free("b", 2)), tasks(3));

        assertThat(executorsOf(placements)).containsExactly("a", "b", "a");
        assertThat(placements).extracting(Placement::jobId).containsOnly("job-1");
    }

    /**
     * Random clusters and queues, against an oracle that rescans every executor for each task: the
     * same placements, no executor over its free slots, and every task placed while slots remain.
     */
    @Test
    void randomClustersMatchTheRescanningOracle() {
        Random random = new Random(20240611L);
        for (int round = 0; round < 500; round++) {
            List<FreeSlots> executors = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            int count = random.nextInt(6);
            for (int i = 0; i < count; i++) {
                ids.add("e" + i);
            }
            Collections.shuffle(ids, random);
            ids.forEach(id -> executors.add(free(id, random.nextInt(6) - 1)));
            List<Waiting> waiting = tasks(random.nextInt(15));

            List<Placement> placements = Scheduler.decide(executors, waiting);

            assertThat(placements).as("round %d: %s, %d tasks", round, executors, waiting.size())
                    .isEqualTo(oracle(executors, waiting));
            Map<String, Integer> used = new HashMap<>();
            placements.forEach(p -> used.merge(p.executorId(), 1, Integer::sum));
            executors.forEach(e -> assertThat(used.getOrDefault(e.executorId(), 0)).isLessThanOrEqualTo(Math.max(0, e.free())));
            int slots = executors.stream().mapToInt(e -> Math.max(0, e.free())).sum();
            assertThat(placements).hasSize(Math.min(slots, waiting.size()));
        }
    }

    private static List<Placement> oracle(List<FreeSlots> executors, List<Waiting> waiting) {
        Map<String, Integer> free = new TreeMap<>();
        executors.forEach(e -> free.put(e.executorId(), e.free()));
        List<Placement> out = new ArrayList<>();
        for (Waiting task : waiting) {
            String best = null;
            for (Map.Entry<String, Integer> e : free.entrySet()) { // id order: the first maximum wins ties
                if (e.getValue() > 0 && (best == null || e.getValue() > free.get(best))) {
                    best = e.getKey();
                }
            }
            if (best == null) {
                break;
            }
            free.merge(best, -1, Integer::sum);
            out.add(new Placement(task.jobId(), task.taskId(), best));
        }
        return out;
    }

    private static FreeSlots free(String id, int slots) {
        return new FreeSlots(id, slots);
    }

    private static List<Waiting> tasks(int n) {
        List<Waiting> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tasks.add(new Waiting("job-1", "t-" + i));
        }
        return tasks;
    }

    private static List<String> executorsOf(List<Placement> placements) {
        return placements.stream().map(Placement::executorId).toList();
    }
}
