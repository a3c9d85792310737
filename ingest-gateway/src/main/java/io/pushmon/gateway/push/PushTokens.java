package io.pushmon.gateway.push;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Push tokens: 192 random bits from {@link SecureRandom}, URL-safe base64 without padding (32 characters).
 * A token is the only credential of a push, so it is long enough that guessing one is hopeless even at
 * millions of attempts per second, and its shape is checked before any lookup.
 */
public final class PushTokens {

    /** Random bytes per token. */
    public static final int BYTES = 24;
    /** Characters per token: 24 bytes are exactly 32 base64 characters, so there is never padding. */
    public static final int LENGTH = 32;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private PushTokens() {
    }

    public static String generate() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /**
     * True if the string could be a token this class generated: 32 URL-safe base64 characters, which are exactly
     * 24 bytes with no spare bits. A loop rather than a regular expression: it runs on every push.
     */
    public static boolean hasValidShape(String token) {
        if (token == null || token.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = token.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
