package io.pushmon.common.delivery;

import java.time.Instant;

/**
 * One attempt as it travels with a retry and ends up in a dead letter.
 *
 * @param attempt    1 for the first try
 * @param at         when the attempt started
 * @param result     what the sender reported
 * @param statusCode the receiver's HTTP status, 0 when there was none
 * @param error      safe-to-show description of the failure (nullable)
 * @param durationMs how long the attempt took
 */
public record AttemptRecord(int attempt, Instant at, AttemptResult result, int statusCode, String error,
        long durationMs) {
}
