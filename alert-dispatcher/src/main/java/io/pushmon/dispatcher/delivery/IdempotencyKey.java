package io.pushmon.dispatcher.delivery;

import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.model.Notice;

/**
 * The key a receiver deduplicates on. It is derived only from what stays the same when an event is read
 * again (after a crash, a rebalance or a retry), so every copy of one notification carries the same key.
 */
public final class IdempotencyKey {

    private IdempotencyKey() {
    }

    /**
     * {@code monitorId:incident:transition:channelId}, transition being {@code down} or {@code up}, or for the
     * other notices {@link Notice#transition()} ({@code reminder-2}, {@code ack}, {@code group-down}, ...).
     */
    public static String of(MonitorEvent event, String channelId) {
        return event.monitorId() + ":" + event.incident() + ":" + transition(event) + ":" + channelId;
    }

    /** The notice's transition; for an event without a notice, {@code down} or {@code up}. */
    public static String transition(MonitorEvent event) {
        if (event.notice() != null) {
            return event.notice().transition();
        }
        return event.isDown() ? "down" : "up";
    }
}
