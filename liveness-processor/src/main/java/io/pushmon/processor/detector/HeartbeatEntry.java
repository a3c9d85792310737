package io.pushmon.processor.detector;

import io.pushmon.common.model.PushStatus;

/**
 * One push in a monitor's history ring.
 *
 * @param seq    the push's ordinal for its monitor, so pushes with equal broker times keep their order
 * @param at     broker time, epoch millis
 * @param status what the push said
 * @param msg    its message (nullable)
 * @param value  its value (nullable)
 */
public record HeartbeatEntry(long seq, long at, PushStatus status, String msg, Double value) {
}
