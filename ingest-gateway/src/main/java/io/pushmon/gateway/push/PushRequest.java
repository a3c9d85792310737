package io.pushmon.gateway.push;

import java.util.List;

import jakarta.ws.rs.core.HttpHeaders;

import io.vertx.core.http.HttpServerRequest;

/**
 * A push as it arrived, before any validation.
 *
 * @param dialect      which URL family it came through
 * @param token        the path segment that holds the push token, or for a slug ping the tenant's ping key
 * @param slug         for a slug ping, the monitor's slug; null otherwise
 * @param signal       for a Healthchecks ping, the path segment after the token (start, fail, log, an exit status),
 *                     null for a success and for pushmon's own push URL
 * @param rawQuery     the query string, still encoded (nullable)
 * @param formBody     the body if it is a form on pushmon's own URL, where a form carries parameters; else null
 * @param body         any other body: the job's output, kept up to the deployment's limit (nullable)
 * @param peerAddress  the TCP peer's address
 * @param forwardedFor X-Forwarded-For headers in order, believed only from trusted proxies
 * @param userAgent    the User-Agent header (nullable)
 */
public record PushRequest(Dialect dialect, String token, String slug, String signal, String rawQuery, byte[] formBody,
        byte[] body, String peerAddress, List<String> forwardedFor, String userAgent) {

    /** The URL families a push can come through; they differ in parameters and in their answers. */
    public enum Dialect {
        /** {@code /api/push/{token}}: the seed's contract, JSON answers. */
        PUSH,
        /** {@code /ping/{token}[/signal]}: Healthchecks' contract, text answers. */
        PING,
        /** {@code /ping/{pingKey}/{slug}[/signal]}: the same, the monitor named by the tenant's ping key and slug. */
        PING_SLUG
    }

    /** The push in an HTTP request, as the resources of both dialects take it. */
    static PushRequest of(Dialect dialect, String token, String slug, String signal, HttpServerRequest http,
            byte[] form, byte[] body) {
        String peer = http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        return new PushRequest(dialect, token, slug, signal, http.query(), form, body, peer,
                http.headers().getAll(ClientAddressResolver.FORWARDED_FOR), http.getHeader(HttpHeaders.USER_AGENT));
    }

    /** What the request says, read by its dialect's rules. */
    PushParameters parameters() {
        return dialect == Dialect.PUSH ? PushParameters.parse(rawQuery, formBody) : PushParameters.ping(signal, rawQuery);
    }

    @Override
    public String toString() {
        // The token is the push credential.
        return "PushRequest[dialect=" + dialect + ", peerAddress=" + peerAddress + "]";
    }
}
