package dev.quern.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TaskIdsTest {

    @Test
    void attemptIdsCarryTheLeaderEpochSoTheyDifferAcrossLeaders() {
        assertThat(TaskIds.attempt("m-00003", 2, 1)).isEqualTo("m-00003.e2.1");
        assertThat(TaskIds.attempt("m-00003", 3, 1)).isNotEqualTo(TaskIds.attempt("m-00003", 2, 1));
        assertThat(TaskIds.attempt("r-00001", 0, 4)).isEqualTo("r-00001.4");
    }

    @Test
    void theTaskIsTheTextBeforeTheFirstDot() {
        assertThat(TaskIds.taskOf("m-00003.e2.1")).isEqualTo("m-00003");
        assertThat(TaskIds.taskOf("r-00001.4")).isEqualTo("r-00001");
        assertThat(TaskIds.isAttempt("m-00003")).isFalse();
        assertThat(TaskIds.isAttempt(".1")).isFalse();
        assertThat(TaskIds.isAttempt("m-00003.")).isFalse();
        assertThatThrownBy(() -> TaskIds.taskOf("m-00003")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'m-00003'");
    }
}
