package io.pushmon.gateway.errors;

import jakarta.ws.rs.core.Response.Status;

/**
 * A client-facing failure with its HTTP status. The message is sent to the client as is, so it must never
 * carry a secret (push token, API key).
 */
public class ApiException extends RuntimeException {

    private final Status status;

    public ApiException(Status status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public Status status() {
        return status;
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
