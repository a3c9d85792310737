package io.pushmon.common.model;

import java.time.Instant;
import java.util.List;

/**
 * A tenant and its API keys; the value of the compacted {@code tenants} topic. Keys are stored as SHA-256
 * hashes only. The ping key is kept as it is, like push tokens: it is part of URLs the owner must be able to read
 * again, and the topic is protected like any store of credentials.
 *
 * @param pingKey the key of the tenant's slug ping URLs, {@code /ping/{pingKey}/{slug}}; null until one is made
 */
public record TenantDefinition(String id, String name, List<ApiKey> apiKeys, Instant createdAt, String pingKey) {

    public TenantDefinition {
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
    }

    /** A tenant without a ping key. */
    public TenantDefinition(String id, String name, List<ApiKey> apiKeys, Instant createdAt) {
        this(id, name, apiKeys, createdAt, null);
    }

    public TenantDefinition withApiKeys(List<ApiKey> keys) {
        return new TenantDefinition(id, name, keys, createdAt, pingKey);
    }

    public TenantDefinition withPingKey(String key) {
        return new TenantDefinition(id, name, apiKeys, createdAt, key);
    }

    @Override
    public String toString() {
        // The ping key is a credential: keep it out of anything that may be logged.
        return "TenantDefinition[id=" + id + ", name=" + name + ", apiKeys=" + apiKeys.size() + ", createdAt="
                + createdAt + ", pingKey=" + (pingKey == null ? "none" : "set") + "]";
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
