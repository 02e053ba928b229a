import dev.quern.api.Tool;
import dev.quern.executor.map.MapMemoryPool;
import dev.quern.executor.map.MapTask;
import dev.quern.executor.spill.MapOutputRegistry;
import dev.quern.executor.task.TaskEnvironment;
import dev.quern.job.JobSpecs;
import dev.quern.proto.JobSpec;
import dev.quern.proto.Split;
import dev.quern.proto.TaskAssignment;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One map task of a tool's first job (WordCount by default) over a whole file, REPS times in one JVM:
 * the map side's CPU cost without the cluster around it. Prints, per run, the process CPU seconds
 * (every thread: mapper, spill thread, JIT, GC) and the wall seconds. Run from the repository root on
 * the shaded jar, with no Maven involved:
 *
 * <pre>
 *   java -cp examples/target/quern.jar bench/micro/MapSideBench.java FILE [REPS] [TOOL] [REDUCERS]
 * </pre>
 * Measure CPU, not wall time, on a shared machine; the first runs include the JIT's warm-up. The runs
 * share one map memory pool, as the attempts of a one-slot executor do: from the second run on, the
 * sort buffer, its sort arrays and the combining table are reused, not allocated.
 */
public final class MapSideBench {

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: MapSideBench FILE [REPS=5] [TOOL=wordcount] [REDUCERS=2]");
            System.exit(2);
        }
        Path file = Path.of(args[0]).toAbsolutePath();
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String toolClass = args.length > 2 ? args[2] : "dev.quern.examples.WordCount";
        int reducers = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        Path work = Files.createTempDirectory("quern-mapbench");
        Tool tool = (Tool) Class.forName(toolClass).getConstructor().newInstance();
        JobSpec spec = JobSpecs.toSpec(tool.plan(List.of(file.toString(), work.resolve("out").toString()), reducers)
                .steps().get(0).job());
        Split split = Split.newBuilder().setPath(file.toString()).setStart(0).setLength(Files.size(file)).setInputIndex(0).build();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        TaskEnvironment env = new TaskEnvironment(work, new MapOutputRegistry(), null, MapSideBench.class.getClassLoader(),
                new MapMemoryPool(1));
        try {
            for (int rep = 1; rep <= reps; rep++) {
                TaskAssignment a = TaskAssignment.newBuilder().setJobId("job-bench").setTaskId("m-00000")
                        .setAttemptId("m-00000." + rep).setJob(spec)
                        .setMap(dev.quern.proto.MapTask.newBuilder().setSplit(split)).build();
                long cpu0 = os.getProcessCpuTime();
                long wall0 = System.nanoTime();
                var result = MapTask.run(a, env, fraction -> {});
                long cpu = os.getProcessCpuTime() - cpu0;
                long wall = System.nanoTime() - wall0;
                long spilled = result.getCountersList().stream().filter(c -> c.getName().equals("spilled records"))
                        .mapToLong(c -> c.getValue()).sum();
                System.out.printf("run %d: cpu %.2f s  wall %.2f s  spilled records %d%n", rep, cpu / 1e9, wall / 1e9, spilled);
                if (rep == reps) {
                    result.getCountersList().forEach(c -> System.out.printf("  %s: %d%n", c.getName(), c.getValue()));
                }
            }
        } finally {
            try (Stream<Path> all = Files.walk(work)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
