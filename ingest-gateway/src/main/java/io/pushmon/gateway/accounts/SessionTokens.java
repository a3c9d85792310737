package io.pushmon.gateway.accounts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless sessions: {@code pms_<payload>.<signature>}, the payload naming the user, the session epoch it was
 * issued in and its expiry, the signature an HMAC-SHA256 of the payload. Any gateway with the same secret accepts
 * it, with no session store and no sticky routing; ending sessions early is the user's epoch moving on.
 */
public final class SessionTokens {

    /** Bearer values with this prefix are sessions; anything else is an API key. */
    public static final String PREFIX = "pms_";
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** What a valid session token says. */
    public record Session(String userId, long epoch, Instant expiresAt) {
    }

    private final SecretKeySpec key;
    private final Duration lifetime;
    private final Supplier<Instant> clock;

    public SessionTokens(byte[] secret, Duration lifetime, Supplier<Instant> clock) {
        this.key = new SecretKeySpec(secret, ALGORITHM);
        this.lifetime = lifetime;
        this.clock = clock;
    }

    public static boolean isSessionToken(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    /** A new session of the user, valid from now for the configured lifetime. */
    public String issue(String userId, long epoch) {
        long expiresAt = clock.get().plus(lifetime).getEpochSecond();
        String payload = ENCODER.encodeToString((userId + "|" + epoch + "|" + expiresAt)
                .getBytes(StandardCharsets.UTF_8));
        return PREFIX + payload + "." + ENCODER.encodeToString(sign(payload));
    }

    /** The session, if the token was signed with this secret and has not expired. */
    public Optional<Session> verify(String token) {
        if (!isSessionToken(token)) {
            return Optional.empty();
        }
        String body = token.substring(PREFIX.length());
        int dot = body.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String payload = body.substring(0, dot);
        try {
            if (!MessageDigest.isEqual(sign(payload), DECODER.decode(body.substring(dot + 1)))) {
                return Optional.empty();
            }
            String[] fields = new String(DECODER.decode(payload), StandardCharsets.UTF_8).split("\\|");
            if (fields.length != 3) {
                return Optional.empty();
            }
            Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(fields[2]));
            if (!clock.get().isBefore(expiresAt)) {
                return Optional.empty();
            }
            return Optional.of(new Session(fields[0], Long.parseLong(fields[1]), expiresAt));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] sign(String payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime has " + ALGORITHM, e);
        }
    }
}
