package dev.quern.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SpillPercentOptionTest {

    @Test
    void defaultsToEightyAndTakesAnyPercentAboveZeroUpToOneHundred() {
        assertThat(EngineOptions.spillPercent(Map.of())).isEqualTo(80);
        assertThat(EngineOptions.spillPercent(Map.of(EngineOptions.SPILL_PERCENT, " 50 "))).isEqualTo(50);
        assertThat(EngineOptions.spillPercent(Map.of(EngineOptions.SPILL_PERCENT, "0.5"))).isEqualTo(0.5);
        assertThat(EngineOptions.spillPercent(Map.of(EngineOptions.SPILL_PERCENT, "100"))).isEqualTo(100);
    }

    @Test
    void aValueOutsideTheRangeOrNotANumberIsRefusedWithTheKeyAndTheValue() {
        for (String bad : new String[] {"0", "-5", "100.5", "NaN", "eighty", ""}) {
            assertThatThrownBy(() -> EngineOptions.spillPercent(Map.of(EngineOptions.SPILL_PERCENT, bad)))
                    .as("value '%s'", bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("quern.map.sort.spill-percent").hasMessageContaining("'" + bad + "'");
        }
    }
}
