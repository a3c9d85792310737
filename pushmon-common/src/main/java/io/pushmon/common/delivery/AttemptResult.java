package io.pushmon.common.delivery;

/** What one send to a receiver came to, as a sender reports it and an attempt records it. */
public enum AttemptResult {
    /** The receiver accepted it. */
    DELIVERED,
    /** It failed in a way another attempt may fix (a timeout, a 5xx, a 429). */
    RETRYABLE,
    /** It failed in a way no retry fixes (a 4xx, a refused target). */
    PERMANENT
}
