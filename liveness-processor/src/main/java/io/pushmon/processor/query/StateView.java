package io.pushmon.processor.query;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.pushmon.common.model.MonitorStatus;
import io.pushmon.processor.detector.MonitorState;

/** Body of {@code GET /internal/monitors/{id}/state}; every field is present, null when unknown. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record StateView(String monitorId, MonitorStatus status, Instant lastHeartbeatAt, Instant nextDeadlineAt,
        String lastMsg, Double lastValue, long incident) {

    static StateView of(MonitorState state) {
        return new StateView(state.monitorId(), state.visibleStatus(), instant(state.lastHeartbeatAt()),
                state.paused() ? null : instant(state.deadline()), state.lastMsg(), state.lastValue(),
                state.incident());
    }

    private static Instant instant(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
    }
}
