package io.pushmon.dispatcher.channels;

import io.pushmon.common.model.MonitorEvent;

/**
 * One message to one channel: a status change of a monitor, or a test message an owner asked for.
 *
 * @param event          the status change (for a test, a synthetic down event of a sample monitor)
 * @param idempotencyKey stable across retries and redeliveries: monitorId:incident:transition:channelId
 * @param attempt        1 for the first try
 * @param test           true for a test notification from {@code POST /api/channels/{id}/test}
 */
public record Notification(MonitorEvent event, String idempotencyKey, int attempt, boolean test) {
}
