package io.pushmon.common.delivery;

import java.time.Instant;
import java.util.List;

import io.pushmon.common.model.MonitorEvent;

/**
 * A delivery given up; the value of {@code notification-dead-letters}, keyed by the idempotency key. It
 * holds everything needed to inspect or replay it by hand.
 *
 * @param idempotencyKey the key every attempt carried
 * @param event          the status change that was not delivered
 * @param channelId      the channel
 * @param channelType    the channel's kind at the last attempt
 * @param reason         why it was given up: {@code rejected} (the receiver refused it for good) or
 *                       {@code attempts-exhausted}
 * @param attempts       every attempt, oldest first
 * @param deadAt         when it was given up
 */
public record DeadLetter(String idempotencyKey, MonitorEvent event, String channelId, String channelType,
        String reason, List<AttemptRecord> attempts, Instant deadAt) {

    public DeadLetter {
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }
}
