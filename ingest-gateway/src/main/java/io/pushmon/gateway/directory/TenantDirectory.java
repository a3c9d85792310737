package io.pushmon.gateway.directory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.pushmon.common.model.TenantDefinition;
import io.pushmon.common.kafka.KafkaClients;
import io.pushmon.common.kafka.KafkaConfig;
import io.pushmon.common.kafka.RecordWriter;
import io.pushmon.common.topics.Topic;

/**
 * Every tenant, from the {@code tenants} topic, by id, by the SHA-256 of each of its API keys, by its ping key, by
 * its badge key and by its status page's slug.
 */
@ApplicationScoped
public class TenantDirectory {

    private static final String PING_KEY_PREFIX = "ping-key:";
    private static final String BADGE_KEY_PREFIX = "badge-key:";
    private static final String STATUS_PAGE_PREFIX = "status-page:";

    private final CompactedTopicCache<TenantDefinition> cache;
    private final RecordWriter writer;

    @Inject
    public TenantDirectory(KafkaConfig kafka, RecordWriter writer) {
        this.writer = writer;
        cache = new CompactedTopicCache<>(Topic.TENANTS,
                KafkaClients.groupless(kafka, "pushmon-gateway-tenants"),
                TenantDirectory::indexKeys);
    }

    public Optional<TenantDefinition> find(String tenantId) {
        return cache.get(tenantId);
    }

    /** Every tenant, by id. */
    public List<TenantDefinition> all() {
        return cache.values().stream().sorted(Comparator.comparing(TenantDefinition::id)).toList();
    }

    /** The tenant holding an API key with this hex SHA-256. */
    public Optional<TenantDefinition> findByKeyHash(String sha256) {
        return cache.getByIndex(sha256);
    }

    /** The tenant whose slug ping URLs carry this ping key. */
    public Optional<TenantDefinition> findByPingKey(String pingKey) {
        return cache.getByIndex(PING_KEY_PREFIX + pingKey);
    }

    /** The tenant whose public badge URLs carry this badge key. */
    public Optional<TenantDefinition> findByBadgeKey(String badgeKey) {
        return cache.getByIndex(BADGE_KEY_PREFIX + badgeKey);
    }

    /** The tenant whose status page has this slug, enabled or not: a slug stays taken while its page is off. */
    public Optional<TenantDefinition> findByStatusPageSlug(String slug) {
        return cache.getByIndex(STATUS_PAGE_PREFIX + slug);
    }

    /**
     * One index serves every key: API key hashes are hex, so no hash can look like a prefixed ping key, badge key
     * or slug, and the prefixes differ.
     */
    private static List<String> indexKeys(TenantDefinition tenant) {
        List<String> keys = new ArrayList<>(tenant.apiKeys().size() + 3);
        tenant.apiKeys().forEach(key -> keys.add(key.sha256()));
        if (tenant.pingKey() != null) {
            keys.add(PING_KEY_PREFIX + tenant.pingKey());
        }
        if (tenant.badgeKey() != null) {
            keys.add(BADGE_KEY_PREFIX + tenant.badgeKey());
        }
        if (tenant.statusPage() != null && tenant.statusPage().slug() != null) {
            keys.add(STATUS_PAGE_PREFIX + tenant.statusPage().slug());
        }
        return keys;
    }

    /**
     * Writes to the topic and, once acknowledged, makes the change visible here at once; {@code tenant}
     * null deletes.
     */
    public void write(String tenantId, TenantDefinition tenant) {
        cache.write(writer, tenantId, tenant);
    }

    CompactedTopicCache<TenantDefinition> cache() {
        return cache;
    }

    @PreDestroy
    void stop() {
        cache.close();
    }
}
