package io.pushmon.common.delivery;

import java.time.Instant;

/**
 * One attempt and what became of it; the value of {@code notification-log}, keyed by monitor id.
 *
 * @param monitorId      the monitor
 * @param tenantId       its tenant
 * @param channelId      the channel
 * @param channelType    its kind, null when the channel was not found
 * @param eventId        the status change
 * @param incident       its incident number
 * @param transition     {@code down} or {@code up}
 * @param idempotencyKey the key the receiver saw
 * @param attempt        1 for the first try
 * @param outcome        what became of it
 * @param statusCode     the receiver's HTTP status, 0 when there was none
 * @param error          safe-to-show description of the failure (nullable)
 * @param at             when the attempt started
 * @param durationMs     how long it took
 */
public record DeliveryLogEntry(String monitorId, String tenantId, String channelId, String channelType,
        String eventId, long incident, String transition, String idempotencyKey, int attempt,
        DeliveryOutcome outcome, int statusCode, String error, Instant at, long durationMs) {
}
