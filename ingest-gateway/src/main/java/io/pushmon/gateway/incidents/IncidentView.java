package io.pushmon.gateway.incidents;

import java.time.Duration;
import java.time.Instant;

import io.pushmon.common.model.EventReason;

/**
 * One incident as {@code GET /api/monitors/{id}/incidents} shows it.
 *
 * @param number          the incident number
 * @param downAt          when the monitor went down
 * @param upAt            when it recovered; null while open
 * @param durationSeconds how long it lasted; null while open
 * @param reason          why it went down (null when its start is past the event log's retention)
 * @param message         the msg of the last push before the down
 * @param open            true while the monitor is still down
 * @param inMaintenance   true when a maintenance window covering the monitor was open when it went down
 * @param acknowledgedBy  who acknowledged it (a user's email or an API key), or null
 * @param acknowledgedAt  when, or null
 */
public record IncidentView(long number, Instant downAt, Instant upAt, Long durationSeconds, EventReason reason,
        String message, boolean open, boolean inMaintenance, String acknowledgedBy, Instant acknowledgedAt) {

    static IncidentView of(Incident incident, boolean inMaintenance, Acknowledgements.Acknowledged ack) {
        return new IncidentView(incident.number(), incident.downAt(), incident.upAt(),
                incident.open() ? null : Duration.between(incident.downAt(), incident.upAt()).toSeconds(),
                incident.reason(), incident.message(), incident.open(), inMaintenance,
                ack == null ? null : ack.by(), ack == null ? null : ack.at());
    }
}
