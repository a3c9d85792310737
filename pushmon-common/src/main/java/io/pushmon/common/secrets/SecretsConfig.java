package io.pushmon.common.secrets;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * The keys that encrypt channel credentials on the {@code channels} topic; the gateway (which writes channels) and
 * the dispatcher (which sends with them) must hold the same list. Without keys those two services refuse to start
 * ({@link SecretCipher#of}); the processor never reads credentials and does not need them.
 */
@ConfigMapping(prefix = "pushmon.secrets")
public interface SecretsConfig {

    /**
     * Comma-separated {@code id:base64} AES-256 keys (env PUSHMON_SECRETS_KEYS, from a Kubernetes Secret), e.g.
     * {@code k2:<openssl rand -base64 32>,k1:...}: the first encrypts, every one decrypts. No default.
     */
    Optional<List<String>> keys();
}
