package io.pushmon.gateway.directory;

import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.RecordMetadata;

import io.pushmon.common.model.TenantDefinition;
import io.pushmon.common.serde.PushmonSerdes;
import io.pushmon.common.topics.Topic;
import io.pushmon.gateway.kafka.KafkaClients;
import io.pushmon.gateway.kafka.KafkaConnection;

/** Every tenant, from the {@code tenants} topic, by id and by the SHA-256 of each of its API keys. */
@ApplicationScoped
public class TenantDirectory {

    private final CompactedTopicCache<TenantDefinition> cache;

    @Inject
    public TenantDirectory(KafkaConnection connection) {
        cache = new CompactedTopicCache<>(Topic.TENANTS, PushmonSerdes.tenant(),
                KafkaClients.cacheConsumerConfigs(connection.bootstrapServers(), "pushmon-gateway-tenants"),
                tenant -> tenant.apiKeys().stream().map(TenantDefinition.ApiKey::sha256).toList());
    }

    public Optional<TenantDefinition> find(String tenantId) {
        return cache.get(tenantId);
    }

    /** The tenant holding an API key with this hex SHA-256. */
    public Optional<TenantDefinition> findByKeyHash(String sha256) {
        return cache.getByIndex(sha256);
    }

    /** Makes a write this gateway made visible at once. */
    public void applyWritten(String tenantId, RecordMetadata written, TenantDefinition tenant) {
        cache.applyWritten(tenantId, written, tenant);
    }

    CompactedTopicCache<TenantDefinition> cache() {
        return cache;
    }

    @PreDestroy
    void stop() {
        cache.close();
    }
}
