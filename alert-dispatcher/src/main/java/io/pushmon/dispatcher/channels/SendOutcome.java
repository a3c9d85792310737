package io.pushmon.dispatcher.channels;

import java.time.Duration;

/**
 * What happened to one attempt.
 *
 * @param kind       delivered, worth retrying, or never worth retrying
 * @param statusCode the receiver's HTTP status, or 0 when there was none (timeout, refused, SMTP)
 * @param retryAfter the receiver's Retry-After, when it gave one (nullable)
 * @param error      a short description safe to log and show to the owner: never a URL with its key or a token
 */
public record SendOutcome(Kind kind, int statusCode, Duration retryAfter, String error) {

    /** Outcome classes. */
    public enum Kind {
        DELIVERED, RETRYABLE, PERMANENT
    }

    public static SendOutcome delivered(int statusCode) {
        return new SendOutcome(Kind.DELIVERED, statusCode, null, null);
    }

    public static SendOutcome retryable(int statusCode, Duration retryAfter, String error) {
        return new SendOutcome(Kind.RETRYABLE, statusCode, retryAfter, error);
    }

    public static SendOutcome permanent(int statusCode, String error) {
        return new SendOutcome(Kind.PERMANENT, statusCode, null, error);
    }
}
