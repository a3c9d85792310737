package io.pushmon.dispatcher.channelcache;

import java.time.Duration;
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
 * deleted meanwhile is not notified any more.
 */
@Singleton
public class ChannelCache implements AutoCloseable {

    private final Map<String, ChannelDefinition> channels = new ConcurrentHashMap<>();
    private final TopicFollower<String, ChannelDefinition> follower;

    @Inject
    public ChannelCache(KafkaConfig kafka) {
        follower = new TopicFollower<>(Topic.CHANNELS, KafkaClients.groupless(kafka, "pushmon-dispatcher-channels"),
                entry -> {
                    if (entry.value() == null) {
                        channels.remove(entry.key());
                    } else {
                        channels.put(entry.key(), entry.value());
                    }
                });
    }

    public void start() {
        follower.start();
    }

    @Override
    public void close() {
        follower.close();
    }

    /** True once every channel that existed at start has been read. */
    public boolean caughtUp() {
        return follower.isCaughtUp();
    }

    /** Waits until caught up; false on timeout. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return follower.awaitCaughtUp(timeout);
    }

    /** False once the reading thread has died. */
    public boolean healthy() {
        return follower.isReading();
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
