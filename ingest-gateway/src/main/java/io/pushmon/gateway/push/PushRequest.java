package io.pushmon.gateway.push;

import java.util.List;

/**
 * A push as it arrived, before any validation.
 *
 * @param token        the path segment after {@code /api/push/}
 * @param rawQuery     the query string, still encoded (nullable)
 * @param formBody     the body if it is a form, else null
 * @param peerAddress  the TCP peer's address
 * @param forwardedFor X-Forwarded-For headers in order, believed only from trusted proxies
 * @param userAgent    the User-Agent header (nullable)
 */
public record PushRequest(String token, String rawQuery, byte[] formBody, String peerAddress,
        List<String> forwardedFor, String userAgent) {

    @Override
    public String toString() {
        // The token is the push credential.
        return "PushRequest[peerAddress=" + peerAddress + "]";
    }
}
