package io.pushmon.common.delivery;

import java.time.Instant;
import java.util.List;

import io.pushmon.common.model.MonitorEvent;

/**
 * A delivery waiting for its next attempt; the value of {@code notification-retries}, keyed by the
 * idempotency key. It carries the whole event so the retry needs nothing but this record and the channel.
 *
 * @param idempotencyKey the key every attempt of this delivery carries
 * @param event          the status change being notified
 * @param channelId      the channel to notify
 * @param nextAttempt    the number of the attempt to make (2 or more)
 * @param dueAt          not before this time
 * @param attempts       the attempts so far, oldest first
 */
public record ScheduledRetry(String idempotencyKey, MonitorEvent event, String channelId, int nextAttempt,
        Instant dueAt, List<AttemptRecord> attempts) {

    public ScheduledRetry {
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }
}
