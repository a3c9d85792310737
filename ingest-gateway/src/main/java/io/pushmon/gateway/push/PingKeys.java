package io.pushmon.gateway.push;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Ping keys, the tenant-wide credential of slug ping URLs ({@code /ping/{pingKey}/{slug}}): 128 random bits,
 * URL-safe base64 without padding, 22 characters, the shape Healthchecks gives its projects' ping keys, so a key kept
 * from there fits. The shape differs from push tokens (32 characters) and UUIDs (36), which tells the two URL forms
 * of {@code /ping} apart.
 */
public final class PingKeys {

    /** Characters per key. */
    public static final int LENGTH = 22;
    private static final int BYTES = 16;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private PingKeys() {
    }

    public static String generate() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /** True for 22 characters of the URL-safe base64 alphabet. */
    public static boolean hasShape(String key) {
        return PushTokens.isUrlSafeBase64(key, LENGTH);
    }
}
