package io.pushmon.dispatcher.channelcache;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.pushmon.common.model.ChannelDefinition;
import io.pushmon.common.serde.JsonSerde;
import io.pushmon.common.serde.PushmonSerdes;
import io.pushmon.common.topics.Topic;
import io.pushmon.dispatcher.kafka.KafkaSettings;
import io.pushmon.dispatcher.kafka.TopicReader;

/**
 * Every channel definition, read from the compacted {@code channels} topic. Deliveries look channels up here
 * at each attempt, so a retry uses the channel as it is now (a fixed URL, a rotated secret), and a channel
 * deleted meanwhile is not notified any more.
 */
@Singleton
public class ChannelCache extends TopicReader {

    private final Map<String, ChannelDefinition> channels = new ConcurrentHashMap<>();
    private final JsonSerde<ChannelDefinition> serde = PushmonSerdes.channel();

    @Inject
    public ChannelCache(KafkaSettings kafka) {
        super(Topic.CHANNELS, kafka.bootstrapServers());
    }

    @Override
    protected void apply(String key, byte[] value, long timestamp) {
        if (key == null) {
            return;
        }
        if (value == null) {
            channels.remove(key);
        } else {
            channels.put(key, serde.deserialize(Topic.CHANNELS.topicName(), value));
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
