package io.pushmon.common.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.pushmon.common.model.MonitorStatus;

class MonitorLiveStateTest {

    @Test
    void aStateSurvivesTheRoundTrip() {
        var state = new MonitorLiveState("m-1", MonitorStatus.DOWN, Instant.parse("2026-01-01T00:00:00Z"), null,
                "disk full", 12.5, 3, Instant.parse("2026-01-01T00:01:00Z"), 2, 61_500L, 3,
                new MonitorLiveState.Thresholds(2, 3, 0, 1));

        assertThat(MonitorLiveState.fromJson(state.toJson())).isEqualTo(state);
    }

    @Test
    void anAnswerFromAProcessorOlderThanThresholdsReadsAsThresholdsOne() {
        var state = MonitorLiveState.fromJson("{\"monitorId\":\"m-1\",\"status\":\"up\",\"incident\":0,"
                + "\"openRuns\":0}");

        assertThat(state.thresholds()).isEqualTo(MonitorLiveState.Thresholds.DEFAULT);
        assertThat(state.thresholds().failing()).isNull();
    }

    @Test
    void countsBelowTheThresholdsReadAsFractions() {
        assertThat(new MonitorLiveState.Thresholds(2, 3, 0, 1).failing()).isEqualTo("2/3");
        assertThat(new MonitorLiveState.Thresholds(0, 3, 1, 2).recovering()).isEqualTo("1/2");
        assertThat(new MonitorLiveState.Thresholds(0, 3, 1, 2).failing()).isNull();
    }

    @Test
    void unknownFieldsAreWrittenAsNull() {
        assertThat(MonitorLiveState.neverSeen("m-1").toJson()).contains("\"lastHeartbeatAt\":null",
                "\"nextDeadlineAt\":null", "\"status\":\"new\"");
    }

    @Test
    void aBodyThatIsNoStateIsAnError() {
        assertThatThrownBy(() -> MonitorLiveState.fromJson("<html>")).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void aMonitorTheProcessorHasNotSeenIsNew() {
        assertThat(MonitorLiveState.fromAnswer("m-1", 404, "{}")).contains(MonitorLiveState.neverSeen("m-1"));
    }

    @Test
    void anAnswerOtherThan200Or404CannotSay() {
        assertThat(MonitorLiveState.fromAnswer("m-1", 503, "{\"ok\":false}")).isEmpty();
    }

    @Test
    void aBodyThatIsNoStateCannotSay() {
        assertThat(MonitorLiveState.fromAnswer("m-1", 200, "<html>")).isEmpty();
    }
}
