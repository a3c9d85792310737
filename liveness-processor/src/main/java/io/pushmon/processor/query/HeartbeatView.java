package io.pushmon.processor.query;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.pushmon.common.model.PushStatus;
import io.pushmon.processor.detector.HeartbeatEntry;

/**
 * One element of {@code GET /internal/monitors/{id}/heartbeats}: a signal with its run details. {@code seq} names it
 * for the read of its body, which exists while {@code bodySize > 0} and the body is among the last kept.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record HeartbeatView(long seq, Instant at, PushStatus status, String msg, Double value, Integer exitStatus,
        String rid, Long durationMillis, int bodySize) {

    static HeartbeatView of(HeartbeatEntry entry) {
        return new HeartbeatView(entry.seq(), Instant.ofEpochMilli(entry.at()), entry.status(), entry.msg(),
                entry.value(), entry.exitStatus(), entry.rid(), entry.durationMillis(), entry.bodySize());
    }
}
