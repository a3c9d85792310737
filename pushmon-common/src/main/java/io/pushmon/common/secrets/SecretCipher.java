package io.pushmon.common.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts single text values with AES-256-GCM under a list of keys: the first key encrypts, every key decrypts,
 * so a new key can be put in front while values written under the old one stay readable. A sealed value reads
 * {@code enc:v1:<keyId>:<base64url of nonce ‖ ciphertext ‖ tag>}, with a random 96-bit nonce per value. The
 * caller's context (which channel, which field) is authenticated as additional data, so a sealed value copied to
 * another place does not decrypt there. A value without the {@code enc:} prefix was written before encryption
 * and is read as it is.
 */
public final class SecretCipher {

    /** How every sealed value starts; plaintext from older versions never does. */
    public static final String SEALED_PREFIX = "enc:";

    private static final String V1 = SEALED_PREFIX + "v1:";
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    /** In configuration order: the first one is the current key. */
    private final Map<String, SecretKey> keys;
    private final String currentKeyId;

    private SecretCipher(Map<String, SecretKey> keys) {
        this.keys = keys;
        this.currentKeyId = keys.keySet().iterator().next();
    }

    /** The cipher of {@code pushmon.secrets.keys}; refuses to make one without keys or with a malformed one. */
    public static SecretCipher of(SecretsConfig config) {
        List<String> entries = config.keys().orElse(List.of()).stream().map(String::strip)
                .filter(entry -> !entry.isEmpty()).toList();
        if (entries.isEmpty()) {
            throw new IllegalStateException("pushmon.secrets.keys is not set: channel credentials are stored "
                    + "encrypted and this service needs the key(s). Set PUSHMON_SECRETS_KEYS=<id>:<base64 of 32 "
                    + "random bytes>, e.g. k1:$(openssl rand -base64 32), the same on every gateway and dispatcher");
        }
        return parse(entries);
    }

    /**
     * A cipher of {@code id:base64} entries, the first one current. Errors name the entry by position and never
     * repeat its text, which may be key material.
     */
    public static SecretCipher parse(List<String> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("pushmon.secrets.keys needs at least one key");
        }
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i).strip();
            String where = "pushmon.secrets.keys entry " + (i + 1) + " of " + entries.size();
            int colon = entry.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException(where + " is not <id>:<base64 key>");
            }
            String id = entry.substring(0, colon);
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalArgumentException(where + ": the id must be 1 to 32 characters of A-Z a-z 0-9 _ -");
            }
            byte[] material;
            try {
                material = Base64.getDecoder().decode(entry.substring(colon + 1).strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + " (id " + id + "): the key is not base64");
            }
            if (material.length != KEY_BYTES) {
                throw new IllegalArgumentException(where + " (id " + id + "): the key is " + material.length
                        + " bytes, AES-256 needs " + KEY_BYTES + " (openssl rand -base64 32)");
            }
            if (keys.putIfAbsent(id, new SecretKeySpec(material, "AES")) != null) {
                throw new IllegalArgumentException(where + ": id " + id + " is listed twice");
            }
        }
        return new SecretCipher(keys);
    }

    /** A new {@code id:base64} entry with 32 random bytes, for tools and local runs that make their own key. */
    public static String newKeyEntry(String id) {
        if (!KEY_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a key id is 1 to 32 characters of A-Z a-z 0-9 _ -");
        }
        byte[] material = new byte[KEY_BYTES];
        RANDOM.nextBytes(material);
        return id + ":" + Base64.getEncoder().encodeToString(material);
    }

    /** The id of the key new values are encrypted with. */
    public String currentKeyId() {
        return currentKeyId;
    }

    /** Every configured key id, the current one first. */
    public List<String> keyIds() {
        return new ArrayList<>(keys.keySet());
    }

    /** {@code plaintext} sealed under the current key and bound to {@code context}; null stays null. */
    public String seal(String plaintext, String context) {
        if (plaintext == null) {
            return null;
        }
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), nonce, context);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
            return V1 + currentKeyId + ":" + ENCODER.encodeToString(out);
        } catch (GeneralSecurityException e) {
            // AES-GCM is in every JDK: failing here means a broken runtime, not bad input.
            throw new IllegalStateException("AES-GCM encryption failed: " + e.getClass().getSimpleName());
        }
    }

    /**
     * The plaintext of a value stored for {@code context}: decrypted when sealed, as it is when written before
     * encryption; null stays null.
     *
     * @throws UnreadableSecretException when its key is not configured or it does not decrypt for this context
     */
    public String open(String stored, String context) {
        if (stored == null || !isSealed(stored)) {
            return stored;
        }
        if (!stored.startsWith(V1)) {
            throw new UnreadableSecretException("written in a format this version does not read ("
                    + stored.substring(0, Math.min(stored.length(), V1.length())) + "...)");
        }
        String keyId = keyIdOf(stored).orElseThrow(() -> new UnreadableSecretException("not a valid sealed value"));
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw new UnreadableSecretException("encrypted with key '" + keyId
                    + "', which is not in pushmon.secrets.keys (has " + String.join(", ", keys.keySet()) + ")");
        }
        byte[] sealed;
        try {
            sealed = Base64.getUrlDecoder().decode(stored.substring(V1.length() + keyId.length() + 1));
        } catch (IllegalArgumentException e) {
            throw new UnreadableSecretException("not a valid sealed value (bad base64)");
        }
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new UnreadableSecretException("not a valid sealed value (too short)");
        }
        try {
            byte[] nonce = Arrays.copyOf(sealed, NONCE_BYTES);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, nonce, context);
            return new String(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES),
                    StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new UnreadableSecretException("does not decrypt with key '" + keyId
                    + "': altered, or copied from another channel or field");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed: " + e.getClass().getSimpleName());
        }
    }

    /** Whether a stored value is in the sealed form (of any version). */
    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(SEALED_PREFIX);
    }

    /** The id of the key a stored value was sealed with; empty for plaintext and unknown formats. */
    public static Optional<String> keyIdOf(String stored) {
        if (stored == null || !stored.startsWith(V1)) {
            return Optional.empty();
        }
        int end = stored.indexOf(':', V1.length());
        return end < 0 ? Optional.empty() : Optional.of(stored.substring(V1.length(), end));
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] nonce, String context)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    @Override
    public String toString() {
        // Key ids only: the key material never leaves this object.
        return "SecretCipher[current=" + currentKeyId + ", keys=" + keys.keySet() + "]";
    }
}
