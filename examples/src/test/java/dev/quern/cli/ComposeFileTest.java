package dev.quern.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * docker-compose.yml cannot run here (no Docker engine), so it is checked against the CLI: every
 * command parses with the picocli model of {@code mr}, and the topology and options are those of
 * {@code mr cluster up} ({@link ClusterPlan}).
 */
class ComposeFileTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static Map<String, Map<String, Object>> services;
    private static Map<String, Object> compose;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        services = (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void theTopologyIsWhatClusterUpStartsByDefault() {
        assertThat(services).containsOnlyKeys("zookeeper", "coordinator-1", "coordinator-2", "executor");
        assertThat(quernServices().stream().filter(s -> role(s).equals("coordinator")).count())
                .isEqualTo(ClusterPlan.DEFAULT_COORDINATORS).isEqualTo(intDefault("--coordinators"));
        assertThat(((Map<?, ?>) services.get("executor").get("deploy")).get("replicas"))
                .isEqualTo(ClusterPlan.DEFAULT_EXECUTORS).isEqualTo(intDefault("--executors"));
    }

    @Test
    void zooKeeperIsTheOfficialImageWithADataVolumeOnTheClusterUpPort() {
        Map<String, Object> zk = services.get("zookeeper");
        assertThat(zk.get("image")).isEqualTo("zookeeper:3.9");
        assertThat(volumes(zk)).contains("zookeeper-data:/data");
        assertThat(((Map<?, ?>) compose.get("volumes")).keySet().stream().map(String::valueOf).toList()).contains("zookeeper-data", "quern-data");
        for (String s : quernServices()) {
            assertThat(optionValue(s, "--zk")).as(s).isEqualTo("zookeeper:" + intDefault("--zk-port"));
        }
    }

    @Test
    void everyCommandParsesAsItsRoleWithTheOptionsClusterUpGives() {
        ClusterPlan plan = new ClusterPlan(new ClusterLayout(Path.of("/x")), 1, 1, 2, 2181, "127.0.0.1");
        for (String s : quernServices()) {
            ParseResult parsed = parse(s);
            String role = parsed.subcommand().commandSpec().name();
            assertThat(role).as(s).isIn("coordinator", "executor");
            ClusterPlan.Member local = plan.members("zk:2181").stream().filter(m -> m.role().equals(role)).findFirst().orElseThrow();
            Set<String> localOptions = local.args().stream().filter(a -> a.startsWith("--")).collect(Collectors.toCollection(TreeSet::new));
            assertThat(matchedOptions(parsed)).as("options of %s", s).containsAll(localOptions);
        }
    }

    @Test
    void executorsScaleAndMembersAdvertiseTheirContainerAddress() throws IOException {
        Map<String, Object> executor = services.get("executor");
        assertThat(executor).doesNotContainKeys("container_name", "ports", "hostname");
        for (String s : quernServices()) {
            assertThat(optionValue(s, "--host")).as(s).isEqualTo("0.0.0.0");
        }
        // With --host 0.0.0.0 a member needs an advertised address: the image's mr sets it from the container's.
        assertThat(DaemonSettings.envName("advertise-host")).isEqualTo("QUERN_ADVERTISE_HOST");
        assertThat(Files.readString(ROOT.resolve("bin/docker-mr"))).contains("export QUERN_ADVERTISE_HOST");
        assertThat(Files.readString(ROOT.resolve("Dockerfile"))).contains("COPY bin/docker-mr /usr/local/bin/mr", "ENTRYPOINT [\"mr\"]");
    }

    @Test
    void coordinatorsPublishTheirClientPortAndEveryServiceHasAHealthCheck() {
        for (String s : quernServices()) {
            if (role(s).equals("coordinator")) {
                String port = optionValue(s, "--port");
                assertThat((List<?>) services.get(s).get("ports")).as(s).singleElement().asString().endsWith(":" + port);
                assertThat(healthCheck(s)).contains(port);
            } else {
                assertThat(healthCheck(s)).contains(optionValue(s, "--shuffle-port"));
            }
        }
        assertThat(healthCheck("zookeeper")).contains("zkServer.sh");
    }

    @Test
    void everyServiceMountsTheSharedDataVolumeAtOnePath() {
        for (String s : services.keySet()) {
            assertThat(volumes(services.get(s))).as(s).contains("quern-data:/quern/data");
        }
    }

    @Test
    void theImageIsBuiltInTwoStagesAndRunsOnAJre17() throws IOException {
        List<String> from = Files.readAllLines(ROOT.resolve("Dockerfile")).stream().filter(l -> l.startsWith("FROM ")).toList();
        assertThat(from).hasSize(2);
        assertThat(from.get(0)).contains("maven", "17", " AS build");
        assertThat(from.get(1)).isEqualTo("FROM eclipse-temurin:17-jre");
        assertThat(Files.readString(ROOT.resolve("Dockerfile"))).contains("COPY --from=build /src/examples/target/quern.jar");
        assertThat(services.get("executor").get("build")).isEqualTo(".");
    }

    private static List<String> quernServices() {
        return services.keySet().stream().filter(s -> !s.equals("zookeeper")).sorted().toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> command(String service) {
        return ((List<Object>) services.get(service).get("command")).stream().map(String::valueOf).toList();
    }

    private static String role(String service) {
        return command(service).get(0);
    }

    private static ParseResult parse(String service) {
        return Main.commandLine().parseArgs(command(service).toArray(String[]::new));
    }

    private static Set<String> matchedOptions(ParseResult parsed) {
        return parsed.subcommand().matchedOptions().stream().map(OptionSpec::longestName).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String optionValue(String service, String option) {
        return parse(service).subcommand().matchedOptionValue(option, "");
    }

    @SuppressWarnings("unchecked")
    private static List<String> volumes(Map<String, Object> service) {
        return ((List<Object>) service.get("volumes")).stream().map(String::valueOf).toList();
    }

    @SuppressWarnings("unchecked")
    private static String healthCheck(String service) {
        Map<String, Object> check = (Map<String, Object>) services.get(service).get("healthcheck");
        assertThat(check).as("healthcheck of %s", service).isNotNull();
        return String.join(" ", ((List<Object>) check.get("test")).stream().map(String::valueOf).toList());
    }

    private static int intDefault(String option) {
        CommandLine up = Main.commandLine().getSubcommands().get("cluster").getSubcommands().get("up");
        return Integer.parseInt(up.getCommandSpec().findOption(option).defaultValue());
    }
}
