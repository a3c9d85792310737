package io.pushmon.dispatcher.channelcache;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.pushmon.common.kafka.KafkaClients;
import io.pushmon.common.kafka.KafkaConfig;
import io.pushmon.common.kafka.TopicFollower;
import io.pushmon.common.model.ChannelDefinition;
import io.pushmon.common.topics.Topic;

/**
 * Every channel definition, read from the compacted {@code channels} topic. Deliveries look channels up here
 * at each attempt, so a retry uses the channel as it is now (a fixed URL, a rotated secret), and a channel
 * deleted meanwhile is not notified any more. Channels are kept as stored, credentials sealed; the senders
 * decrypt them per send ({@code ChannelSenders}).
 */
@Singleton
public class ChannelCache extends TopicFollower<String, ChannelDefinition> {

    private final Map<String, ChannelDefinition> channels = new ConcurrentHashMap<>();

    @Inject
    public ChannelCache(KafkaConfig kafka) {
        super(Topic.CHANNELS, KafkaClients.groupless(kafka, "pushmon-dispatcher-channels"));
    }

    @Override
    protected void apply(Entry<String, ChannelDefinition> entry) {
        if (entry.value() == null) {
            channels.remove(entry.key());
        } else {
            channels.put(entry.key(), entry.value());
        }
    }

    /** The channel with this id, if it exists. */
    public Optional<ChannelDefinition> find(String channelId) {
        return Optional.ofNullable(channels.get(channelId));
    }

    /** The channel with this id if it exists and belongs to the tenant. */
    public Optional<ChannelDefinition> find(String channelId, String tenantId) {
        return find(channelId).filter(channel -> channel.tenantId() != null && channel.tenantId().equals(tenantId));
    }
}
