package io.pushmon.common.secrets;

/**
 * A stored secret that cannot be decrypted with the configured keys: its key is not configured, or the value was
 * altered or belongs to another channel or field. The message names the key id and where the value sits, never
 * the value.
 */
public final class UnreadableSecretException extends RuntimeException {

    UnreadableSecretException(String message) {
        super(message, null, false, false);
    }
}
