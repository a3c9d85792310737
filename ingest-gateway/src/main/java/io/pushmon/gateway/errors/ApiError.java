package io.pushmon.gateway.errors;

/** The body of every error answer: {@code {"ok":false,"error":"..."}}. */
public record ApiError(boolean ok, String error) {

    public static ApiError of(String error) {
        return new ApiError(false, error);
    }
}
