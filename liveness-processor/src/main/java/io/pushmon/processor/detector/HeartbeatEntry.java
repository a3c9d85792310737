package io.pushmon.processor.detector;

import io.pushmon.common.model.PushStatus;

/**
 * One signal in a monitor's history ring.
 *
 * @param seq            the signal's ordinal for its monitor, so signals with equal broker times keep their order
 * @param at             broker time, epoch millis
 * @param status         what it said: up, down, start or log
 * @param msg            its message (nullable)
 * @param value          its value (nullable)
 * @param exitStatus     the exit status it reported (nullable)
 * @param rid            its run id (nullable)
 * @param durationMillis for an end paired with its start, how long the run took (nullable)
 * @param bodySize       bytes of its body, 0 without one; the body itself is in the bodies store while kept
 */
public record HeartbeatEntry(long seq, long at, PushStatus status, String msg, Double value, Integer exitStatus,
        String rid, Long durationMillis, int bodySize) {
}
