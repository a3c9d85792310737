package io.pushmon.gateway.errors;

import jakarta.ws.rs.core.Response.Status;

/**
 * A client-facing failure with its HTTP status. The message is sent to the client as is, so it must never
 * carry a secret (push token, API key).
 */
public class ApiException extends RuntimeException {

    private final Status status;
    private final long retryAfterSeconds;

    public ApiException(Status status, String message) {
        this(status, message, 0);
    }

    private ApiException(Status status, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Status status() {
        return status;
    }

    /** Seconds for a Retry-After header; 0 for none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** A 429: the caller may try again after {@code retryAfterSeconds} (at least 1). */
    public static ApiException tooManyRequests(String message, long retryAfterSeconds) {
        return new ApiException(Status.TOO_MANY_REQUESTS, message, Math.max(1, retryAfterSeconds));
    }

    public static ApiException badRequest(String message) {
        return new ApiException(Status.BAD_REQUEST, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(Status.NOT_FOUND, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(Status.FORBIDDEN, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(Status.CONFLICT, message);
    }
}
