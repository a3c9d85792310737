package io.pushmon.gateway.directory;

import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.pushmon.common.model.TenantDefinition;
import io.pushmon.common.kafka.KafkaClients;
import io.pushmon.common.kafka.KafkaConfig;
import io.pushmon.common.kafka.RecordWriter;
import io.pushmon.common.topics.Topic;

/** Every tenant, from the {@code tenants} topic, by id and by the SHA-256 of each of its API keys. */
@ApplicationScoped
public class TenantDirectory {

    private final CompactedTopicCache<TenantDefinition> cache;
    private final RecordWriter writer;

    @Inject
    public TenantDirectory(KafkaConfig kafka, RecordWriter writer) {
        this.writer = writer;
        cache = new CompactedTopicCache<>(Topic.TENANTS,
                KafkaClients.groupless(kafka, "pushmon-gateway-tenants"),
                tenant -> tenant.apiKeys().stream().map(TenantDefinition.ApiKey::sha256).toList());
    }

    public Optional<TenantDefinition> find(String tenantId) {
        return cache.get(tenantId);
    }

    /** The tenant holding an API key with this hex SHA-256. */
    public Optional<TenantDefinition> findByKeyHash(String sha256) {
        return cache.getByIndex(sha256);
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
