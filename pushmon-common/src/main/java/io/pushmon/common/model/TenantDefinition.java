package io.pushmon.common.model;

import java.time.Instant;
import java.util.List;

/**
 * A tenant and its API keys; the value of the compacted {@code tenants} topic. Keys are stored as SHA-256
 * hashes only. The ping key is kept as it is, like push tokens: it is part of URLs the owner must be able to read
 * again, and the topic is protected like any store of credentials.
 *
 * @param pingKey   the key of the tenant's slug ping URLs, {@code /ping/{pingKey}/{slug}}; null until one is made
 * @param plan      the plan its quotas and rate limits come from; null for the gateways' default plan
 * @param suspended true while an operator suspended it: pushes are refused, no alert is raised, nothing changes
 * @param badgeKey  the key in the tenant's public badge URLs, {@code /badge/{badgeKey}/...}; null until the first
 *                  use. It only shows status, but it is unguessable on purpose (anyone holding a URL sees the
 *                  badge), so it is kept out of logs like the ping key
 * @param statusPage the tenant's public status page settings; null until they are first set
 */
public record TenantDefinition(String id, String name, List<ApiKey> apiKeys, Instant createdAt, String pingKey,
        String plan, boolean suspended, String badgeKey, StatusPage statusPage) {

    public TenantDefinition {
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
    }

    /** A tenant without a ping key, on the default plan. */
    public TenantDefinition(String id, String name, List<ApiKey> apiKeys, Instant createdAt) {
        this(id, name, apiKeys, createdAt, null, null, false);
    }

    /** A tenant without a badge key or a status page. */
    public TenantDefinition(String id, String name, List<ApiKey> apiKeys, Instant createdAt, String pingKey,
            String plan, boolean suspended) {
        this(id, name, apiKeys, createdAt, pingKey, plan, suspended, null, null);
    }

    public TenantDefinition withApiKeys(List<ApiKey> keys) {
        return new TenantDefinition(id, name, keys, createdAt, pingKey, plan, suspended, badgeKey, statusPage);
    }

    public TenantDefinition withPingKey(String key) {
        return new TenantDefinition(id, name, apiKeys, createdAt, key, plan, suspended, badgeKey, statusPage);
    }

    public TenantDefinition withPlan(String planName) {
        return new TenantDefinition(id, name, apiKeys, createdAt, pingKey, planName, suspended, badgeKey,
                statusPage);
    }

    public TenantDefinition withSuspended(boolean suspendedNow) {
        return new TenantDefinition(id, name, apiKeys, createdAt, pingKey, plan, suspendedNow, badgeKey,
                statusPage);
    }

    public TenantDefinition withBadgeKey(String key) {
        return new TenantDefinition(id, name, apiKeys, createdAt, pingKey, plan, suspended, key, statusPage);
    }

    public TenantDefinition withStatusPage(StatusPage page) {
        return new TenantDefinition(id, name, apiKeys, createdAt, pingKey, plan, suspended, badgeKey, page);
    }

    @Override
    public String toString() {
        // The ping key is a credential and the badge key an unguessable URL: keep both out of anything logged.
        return "TenantDefinition[id=" + id + ", name=" + name + ", apiKeys=" + apiKeys.size() + ", createdAt="
                + createdAt + ", pingKey=" + (pingKey == null ? "none" : "set") + ", plan=" + plan + ", suspended="
                + suspended + ", badgeKey=" + (badgeKey == null ? "none" : "set") + ", statusPage=" + statusPage
                + "]";
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

    /**
     * A public status page of some of the tenant's monitors, at {@code /status/{slug}}.
     *
     * @param enabled    false: the page answers 404, and the slug stays the tenant's
     * @param slug       its address, unique across tenants; null until one is chosen
     * @param title      its heading; null for the tenant's name
     * @param monitorIds the monitors shown, in this order
     */
    public record StatusPage(boolean enabled, String slug, String title, List<String> monitorIds) {

        public StatusPage {
            monitorIds = monitorIds == null ? List.of() : List.copyOf(monitorIds);
        }
    }
}
