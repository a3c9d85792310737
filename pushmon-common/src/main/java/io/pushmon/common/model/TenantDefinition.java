package io.pushmon.common.model;

import java.time.Instant;
import java.util.List;

/**
 * A tenant and its API keys; the value of the compacted {@code tenants} topic. Keys are stored as SHA-256
 * hashes only.
 */
public record TenantDefinition(String id, String name, List<ApiKey> apiKeys, Instant createdAt) {

    public TenantDefinition {
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
    }

    /**
     * One API key.
     *
     * @param id       public key id, safe to show and log
     * @param sha256   hex SHA-256 of the key
     * @param readOnly true for keys that may only read
     * @param createdAt creation time
     */
    public record ApiKey(String id, String sha256, boolean readOnly, Instant createdAt) {
    }
}
