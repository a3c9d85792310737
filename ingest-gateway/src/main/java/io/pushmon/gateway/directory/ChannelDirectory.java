package io.pushmon.gateway.directory;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.pushmon.common.model.ChannelDefinition;
import io.pushmon.common.kafka.KafkaClients;
import io.pushmon.common.kafka.KafkaConfig;
import io.pushmon.common.kafka.RecordWriter;
import io.pushmon.common.topics.Topic;

/** Every notification channel, from the {@code channels} topic. */
@ApplicationScoped
public class ChannelDirectory {

    private final CompactedTopicCache<ChannelDefinition> cache;
    private final RecordWriter writer;

    @Inject
    public ChannelDirectory(KafkaConfig kafka, RecordWriter writer) {
        this.writer = writer;
        cache = new CompactedTopicCache<>(Topic.CHANNELS,
                KafkaClients.groupless(kafka, "pushmon-gateway-channels"),
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

    /**
     * Writes to the topic and, once acknowledged, makes the change visible here at once; {@code channel}
     * null deletes.
     */
    public void write(String id, ChannelDefinition channel) {
        cache.write(writer, id, channel);
    }

    CompactedTopicCache<ChannelDefinition> cache() {
        return cache;
    }

    @PreDestroy
    void stop() {
        cache.close();
    }
}
