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
    /** Characters of a UUID in its canonical form. */
    private static final int UUID_LENGTH = 36;

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
     * True for any token a push may carry: one this class generated (32 URL-safe base64 characters, also the
     * shape of Uptime Kuma's push tokens), or a lower-case UUID, the shape of Healthchecks' ping URLs, which a
     * monitor moved from there keeps. Loops rather than regular expressions: this runs on every push.
     */
    public static boolean hasValidShape(String token) {
        return isGeneratedShape(token) || isCanonicalUuid(token);
    }

    /** True if the string could be a token this class generated: exactly 24 bytes, with no spare bits. */
    public static boolean isGeneratedShape(String token) {
        return isUrlSafeBase64(token, LENGTH);
    }

    /** True for exactly {@code length} characters of the URL-safe base64 alphabet. */
    static boolean isUrlSafeBase64(String text, int length) {
        if (text == null || text.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Lower-case hex in 8-4-4-4-12 groups: exactly what {@link java.util.UUID#toString()} gives back, and how
     * Healthchecks writes its check UUIDs (monitor ids have this shape too).
     */
    public static boolean isCanonicalUuid(String value) {
        if (value == null || value.length() != UUID_LENGTH) {
            return false;
        }
        for (int i = 0; i < UUID_LENGTH; i++) {
            char c = value.charAt(i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23 ? c == '-'
                    : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
