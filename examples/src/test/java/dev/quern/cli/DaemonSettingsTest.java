package dev.quern.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a daemon setting comes from: flag over environment over config file over default, and the messages. */
class DaemonSettingsTest {

    private static final List<String> KNOWN = List.of("config", "zk", "slots", "work-dir", "zk-timeout");

    @TempDir
    Path dir;

    private Path file(String text) throws Exception {
        return Files.writeString(dir.resolve("quern.properties"), text);
    }

    @Test
    void theEnvironmentNameIsTheSettingInUpperCaseWithUnderscores() {
        assertThat(DaemonSettings.envName("zk")).isEqualTo("QUERN_ZK");
        assertThat(DaemonSettings.envName("work-dir")).isEqualTo("QUERN_WORK_DIR");
        assertThat(DaemonSettings.envName("zk-timeout")).isEqualTo("QUERN_ZK_TIMEOUT");
    }

    @Test
    void aFlagWinsOverTheEnvironmentWhichWinsOverTheFileWhichWinsOverTheDefault() throws Exception {
        Path config = file("slots=2\nzk=file:1\nwork-dir=/from/file\n");
        DaemonSettings s = new DaemonSettings(Map.of("config", config.toString(), "slots", "4"),
                Map.of("QUERN_SLOTS", "3", "QUERN_ZK", "env:1"), KNOWN);
        assertThat(s.integer("slots", 1, 1, 64)).isEqualTo(4);
        assertThat(s.required("zk", "ZooKeeper address")).isEqualTo("env:1");
        assertThat(s.string("work-dir", "/default")).isEqualTo("/from/file");
        assertThat(s.duration("zk-timeout", Duration.ofSeconds(15))).isEqualTo(Duration.ofSeconds(15));
        s.check();
    }

    @Test
    void theConfigFileMayBeNamedInTheEnvironmentAndABlankVariableCountsAsUnset() throws Exception {
        Path config = file("zk = 127.0.0.1:2181\n# a comment\nslots: 6\n");
        DaemonSettings s = new DaemonSettings(Map.of(), Map.of("QUERN_CONFIG", config.toString(), "QUERN_SLOTS", " "), KNOWN);
        assertThat(s.required("zk", "ZooKeeper address")).isEqualTo("127.0.0.1:2181");
        assertThat(s.integer("slots", 1, 1, 64)).isEqualTo(6);
        s.check();
    }

    @Test
    void durationsCarryAUnit() {
        assertThat(duration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(duration("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(duration("3m")).isEqualTo(Duration.ofMinutes(3));
        assertThat(duration("1h")).isEqualTo(Duration.ofHours(1));
        for (String bad : List.of("15", "0s", "-1s", "1.5s", "PT2S", "2 days")) {
            DaemonSettings s = new DaemonSettings(Map.of("zk-timeout", bad), Map.of(), KNOWN);
            s.duration("zk-timeout", Duration.ofSeconds(15));
            assertThatThrownBy(s::check).as(bad).hasMessage("zk-timeout must be a positive duration like 500ms, 15s or 2m, got '"
                    + bad + "' (from --zk-timeout)");
        }
    }

    private static Duration duration(String text) {
        DaemonSettings s = new DaemonSettings(Map.of("zk-timeout", text), Map.of(), KNOWN);
        Duration d = s.duration("zk-timeout", Duration.ZERO);
        s.check();
        return d;
    }

    @Test
    void aBadValueNamesWhereItCameFrom() throws Exception {
        DaemonSettings fromEnv = new DaemonSettings(Map.of(), Map.of("QUERN_SLOTS", "many"), KNOWN);
        fromEnv.integer("slots", 1, 1, 64);
        assertThatThrownBy(fromEnv::check).hasMessage("slots must be a whole number in [1, 64], got 'many' (from QUERN_SLOTS)");

        Path config = file("slots=0\n");
        DaemonSettings fromFile = new DaemonSettings(Map.of("config", config.toString()), Map.of(), KNOWN);
        fromFile.integer("slots", 1, 1, 64);
        assertThatThrownBy(fromFile::check).hasMessage("slots must be a whole number in [1, 64], got '0' (from slots in " + config + ")");
    }

    @Test
    void everyProblemIsReportedAtOnce() throws Exception {
        Path config = file("slot=2\n");
        DaemonSettings s = new DaemonSettings(Map.of("config", config.toString(), "slots", "-1"), Map.of(), KNOWN);
        s.integer("slots", 1, 1, 64);
        s.required("zk", "ZooKeeper address");
        assertThatThrownBy(s::check).hasMessageStartingWith("3 problems with the settings:")
                .hasMessageContaining("unknown setting 'slot' in config file " + config + "; known: slots, work-dir, zk, zk-timeout")
                .hasMessageContaining("slots must be a whole number in [1, 64], got '-1' (from --slots)")
                .hasMessageContaining("no ZooKeeper address: give --zk, QUERN_ZK or zk= in the config file");
    }

    @Test
    void aMissingConfigFileIsNamed() {
        Path missing = dir.resolve("nope.properties");
        DaemonSettings s = new DaemonSettings(Map.of(), Map.of("QUERN_CONFIG", missing.toString()), KNOWN);
        assertThatThrownBy(s::check).hasMessageStartingWith("cannot read config file " + missing + " (from QUERN_CONFIG)");
    }

    @Test
    void theConfigFileCannotNameAnotherConfigFile() throws Exception {
        Path config = file("config=/elsewhere.properties\n");
        DaemonSettings s = new DaemonSettings(Map.of("config", config.toString()), Map.of(), KNOWN);
        assertThatThrownBy(s::check).hasMessageStartingWith("unknown setting 'config' in config file " + config);
    }
}
