package io.pushmon.gateway.tenants;

/** The credential of an {@code Authorization: Bearer <credential>} header, as every filter reads it. */
public final class BearerToken {

    private static final String PREFIX = "bearer ";

    private BearerToken() {
    }

    /** The credential after the scheme (any case), trimmed; null when the header is absent or not a bearer one. */
    public static String of(String authorization) {
        if (authorization == null || authorization.length() <= PREFIX.length()
                || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return null;
        }
        return authorization.substring(PREFIX.length()).trim();
    }
}
