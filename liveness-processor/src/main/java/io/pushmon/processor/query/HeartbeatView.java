package io.pushmon.processor.query;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.pushmon.common.model.PushStatus;
import io.pushmon.processor.detector.HeartbeatEntry;

/** One element of {@code GET /internal/monitors/{id}/heartbeats}. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record HeartbeatView(Instant at, PushStatus status, String msg, Double value) {

    static HeartbeatView of(HeartbeatEntry entry) {
        return new HeartbeatView(Instant.ofEpochMilli(entry.at()), entry.status(), entry.msg(), entry.value());
    }
}
