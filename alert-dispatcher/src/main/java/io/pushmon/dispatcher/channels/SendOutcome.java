package io.pushmon.dispatcher.channels;

import java.time.Duration;

import io.pushmon.common.delivery.AttemptResult;

/**
 * What happened to one attempt.
 *
 * @param kind       delivered, worth retrying, or never worth retrying
 * @param statusCode the receiver's HTTP status, or 0 when there was none (timeout, refused, SMTP)
 * @param retryAfter the receiver's Retry-After, when it gave one (nullable)
 * @param error      a short description safe to log and show to the owner: never a URL with its key or a token
 */
public record SendOutcome(AttemptResult kind, int statusCode, Duration retryAfter, String error) {

    public static SendOutcome delivered(int statusCode) {
        return new SendOutcome(AttemptResult.DELIVERED, statusCode, null, null);
    }

    public static SendOutcome retryable(int statusCode, Duration retryAfter, String error) {
        return new SendOutcome(AttemptResult.RETRYABLE, statusCode, retryAfter, error);
    }

    public static SendOutcome permanent(int statusCode, String error) {
        return new SendOutcome(AttemptResult.PERMANENT, statusCode, null, error);
    }
}
