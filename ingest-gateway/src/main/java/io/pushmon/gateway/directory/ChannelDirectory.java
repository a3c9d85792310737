package io.pushmon.gateway.directory;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.RecordMetadata;

import io.pushmon.common.model.ChannelDefinition;
import io.pushmon.common.serde.PushmonSerdes;
import io.pushmon.common.topics.Topic;
import io.pushmon.gateway.kafka.KafkaClients;
import io.pushmon.gateway.kafka.KafkaConnection;

/** Every notification channel, from the {@code channels} topic. */
@ApplicationScoped
public class ChannelDirectory {

    private final CompactedTopicCache<ChannelDefinition> cache;

    @Inject
    public ChannelDirectory(KafkaConnection connection) {
        cache = new CompactedTopicCache<>(Topic.CHANNELS, PushmonSerdes.channel(),
                KafkaClients.cacheConsumerConfigs(connection.bootstrapServers(), "pushmon-gateway-channels"),
                channel -> List.of());
    }

    public Optional<ChannelDefinition> find(String id) {
        return cache.get(id);
    }

    /** The tenant's channels, by id. */
    public List<ChannelDefinition> forTenant(String tenantId) {
        return cache.values().stream().filter(c -> tenantId.equals(c.tenantId()))
                .sorted(Comparator.comparing(ChannelDefinition::id)).toList();
    }

    /** Makes a write this gateway made visible at once; {@code channel} null for a deletion. */
    public void applyWritten(String id, RecordMetadata written, ChannelDefinition channel) {
        cache.applyWritten(id, written, channel);
    }

    CompactedTopicCache<ChannelDefinition> cache() {
        return cache;
    }

    @PreDestroy
    void stop() {
        cache.close();
    }
}
