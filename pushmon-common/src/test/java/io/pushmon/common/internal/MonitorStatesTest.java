package io.pushmon.common.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pushmon.common.internal.MonitorStates.Point;
import io.pushmon.common.model.MonitorStatus;
import io.pushmon.common.model.PushStatus;

class MonitorStatesTest {

    private static final MonitorLiveState UP = new MonitorLiveState("m-1", MonitorStatus.UP,
            Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:05:00Z"), "ok", 12.5, 0, null, 0,
            null, null, null);
    private static final MonitorLiveState DOWN = new MonitorLiveState("m-2", MonitorStatus.DOWN,
            Instant.parse("2026-01-01T00:00:00Z"), null, "disk full", null, 2, null, 0, 61_500L, 3, null);

    @Test
    void statesPointsAndTheIdsThatCouldNotBeReadSurviveTheRoundTrip() {
        var states = new MonitorStates(List.of(UP, DOWN),
                Map.of("m-1", List.of(new Point(1_767_225_600_000L, 12.5, null, PushStatus.UP),
                        new Point(1_767_225_540_000L, null, 61_500L, PushStatus.DOWN))),
                List.of("m-3"), List.of("m-4"));

        assertThat(MonitorStates.fromJson(states.toJson())).isEqualTo(states);
    }

    @Test
    void aPointLeavesOutWhatItDoesNotCarry() {
        var states = new MonitorStates(List.of(UP), Map.of("m-1", List.of(new Point(5, null, null, PushStatus.LOG))),
                List.of(), List.of());

        assertThat(states.toJson()).contains("\"points\":{\"m-1\":[{\"at\":5,\"status\":\"log\"}]}",
                "\"unavailable\":[]", "\"unknown\":[]");
    }

    @Test
    void aMonitorWithoutPointsHasAnEmptyList() {
        var states = new MonitorStates(List.of(UP), null, null, null);

        assertThat(states.pointsOf("m-1")).isEmpty();
        assertThat(MonitorStates.fromJson("{\"states\":[]}").unknown()).isEmpty();
    }

    @Test
    void theRequestIsAJsonArrayOfIds() {
        assertThat(MonitorStates.request(List.of("m-1", "m \"2\""))).isEqualTo("[\"m-1\",\"m \\\"2\\\"\"]");
        assertThat(MonitorStates.PATH + MonitorStates.query(20)).isEqualTo("/internal/states?points=20");
    }

    @Test
    void aBodyThatIsNoAnswerIsAnError() {
        for (String body : List.of("<html>", "[]", "null", "{\"states\":[null]}")) {
            assertThatThrownBy(() -> MonitorStates.fromJson(body)).as(body).isInstanceOf(UncheckedIOException.class);
        }
    }

    @Test
    void onlyA200WithAnAnswerCanSay() {
        String answer = new MonitorStates(List.of(UP), null, List.of(), List.of("m-4")).toJson();

        assertThat(MonitorStates.fromAnswer(200, answer).map(MonitorStates::unknown)).contains(List.of("m-4"));
        assertThat(MonitorStates.fromAnswer(503, "{\"ok\":false}")).isEmpty();
        assertThat(MonitorStates.fromAnswer(400, answer)).isEmpty();
        assertThat(MonitorStates.fromAnswer(200, "<html>")).isEmpty();
        assertThat(MonitorStates.fromAnswer(200, null)).isEmpty();
    }
}
