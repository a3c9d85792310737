package io.pushmon.dispatcher.history;

import java.time.Instant;

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
 */
public record DeliverySummary(String channelId, String channelType, String eventId, String transition,
        int attempts, DeliveryOutcome outcome, String lastError, Instant at) {
}
