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
import io.pushmon.common.secrets.ChannelSecrets;
import io.pushmon.common.topics.Topic;

/**
 * Every notification channel, from the {@code channels} topic, as stored there: secret fields sealed (or in
 * plaintext when written by an older version). Writes take plaintext and seal it; {@code ChannelService} opens a
 * channel where its secrets are needed.
 */
@ApplicationScoped
public class ChannelDirectory {

    private final CompactedTopicCache<ChannelDefinition> cache;
    private final RecordWriter writer;
    private final ChannelSecrets secrets;

    @Inject
    public ChannelDirectory(KafkaConfig kafka, RecordWriter writer, ChannelSecrets secrets) {
        this.writer = writer;
        this.secrets = secrets;
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
     * Seals the channel's secret fields under the current key, writes it to the topic and, once acknowledged, makes
     * the change visible here at once; {@code channel} (in plaintext) null deletes.
     */
    public void write(String id, ChannelDefinition channel) {
        cache.write(writer, id, channel == null ? null : secrets.seal(channel));
    }

    /** Every channel of every tenant, as stored. */
    public List<ChannelDefinition> all() {
        return List.copyOf(cache.values());
    }

    CompactedTopicCache<ChannelDefinition> cache() {
        return cache;
    }

    @PreDestroy
    void stop() {
        cache.close();
    }
}
