package io.pushmon.gateway.tenants;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/** API keys and their ids: generated from {@link SecureRandom}, stored only as SHA-256. */
public final class ApiKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private ApiKeys() {
    }

    /** A new key: a recognisable prefix (secret scanners look for such) and 256 random bits. */
    public static String generateKey() {
        return "pmk_" + random(32);
    }

    /** A new public key id, safe to show and log. */
    public static String generateId() {
        return "key_" + random(9);
    }

    /** Hex SHA-256, the only form of a key that is ever stored. */
    public static String sha256(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** A random id part: 12 lower-case letters and digits (about 62 bits). */
    public static String randomId() {
        return random(9).toLowerCase(Locale.ROOT).replace('-', 'x').replace('_', 'y');
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return ENCODER.encodeToString(value);
    }
}
