package io.pushmon.dispatcher.delivery;

import io.pushmon.common.model.MonitorEvent;

/**
 * The key a receiver deduplicates on. It is derived only from what stays the same when an event is read
 * again (after a crash, a rebalance or a retry), so every copy of one notification carries the same key.
 */
public final class IdempotencyKey {

    private IdempotencyKey() {
    }

    /** {@code monitorId:incident:transition:channelId}, transition being {@code down} or {@code up}. */
    public static String of(MonitorEvent event, String channelId) {
        return event.monitorId() + ":" + event.incident() + ":" + transition(event) + ":" + channelId;
    }

    /** {@code down} for a change into down, {@code up} for a recovery. */
    public static String transition(MonitorEvent event) {
        return event.isDown() ? "down" : "up";
    }
}
