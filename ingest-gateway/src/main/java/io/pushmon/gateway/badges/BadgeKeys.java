package io.pushmon.gateway.badges;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Badge keys, the tenant-wide part of public badge URLs ({@code /badge/{badgeKey}/...}): 128 random bits, URL-safe
 * base64 without padding, 22 characters. A badge shows only status, but which monitors a tenant has and how they do
 * is the tenant's business, so the URL is unguessable rather than derived from anything public.
 */
public final class BadgeKeys {

    /** Characters per key. */
    public static final int LENGTH = 22;
    private static final int BYTES = 16;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private BadgeKeys() {
    }

    public static String generate() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /** True for 22 characters of the URL-safe base64 alphabet: anything else is no key and is not looked up. */
    public static boolean hasShape(String key) {
        if (key == null || key.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = key.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
