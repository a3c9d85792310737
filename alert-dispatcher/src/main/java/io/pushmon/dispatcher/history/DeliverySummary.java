package io.pushmon.dispatcher.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.pushmon.common.delivery.DeliveryOutcome;


/**
 * One delivery (one event to one channel) as the owner sees it: how many attempts so far and how the last
 * one ended.
 *
 * @param channelId   the channel
 * @param channelType its kind (null when the channel was not found)
 * @param eventId     the status change
 * @param transition  {@code down} or {@code up}
 * @param attempts    attempts made so far
 * @param outcome     what became of the last attempt
 * @param lastError   the last failure's description, null if none
 * @param at          when the last attempt started
 * @param attemptLog  every attempt logged, oldest first
 */
public record DeliverySummary(String channelId, String channelType, String eventId, String transition,
        int attempts, DeliveryOutcome outcome, String lastError, Instant at, List<Attempt> attemptLog) {

    public DeliverySummary {
        attemptLog = attemptLog == null ? List.of() : List.copyOf(attemptLog);
    }

    /**
     * One attempt of the delivery.
     *
     * @param statusCode the receiver's HTTP status, 0 when there was none
     * @param error      safe-to-show description of the failure, null if none
     */
    public record Attempt(int attempt, Instant at, DeliveryOutcome outcome, int statusCode, String error,
            long durationMs) {
    }

    DeliverySummary with(Attempt next) {
        List<Attempt> log = new ArrayList<>(attemptLog);
        log.add(next);
        return new DeliverySummary(channelId, channelType, eventId, transition, attempts, outcome, lastError, at, log);
    }
}
