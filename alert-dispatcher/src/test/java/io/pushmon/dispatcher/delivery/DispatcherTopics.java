package io.pushmon.dispatcher.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import io.pushmon.common.model.ChannelDefinition;
import io.pushmon.common.model.EventReason;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.model.MonitorStatus;
import io.pushmon.common.topics.Topic;
import io.pushmon.kafka.testing.TopicClient;

/** The dispatcher tests' records, written to the shared broker and read back through the typed test client. */
public final class DispatcherTopics {

    private static TopicClient topics;

    private DispatcherTopics() {
    }

    /** The typed client of the shared test broker, made on first use. */
    public static synchronized TopicClient topics() {
        if (topics == null) {
            topics = TopicClient.shared();
        }
        return topics;
    }

    static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static ChannelDefinition webhook(String tenantId, String url) {
        Instant now = Instant.now();
        return new ChannelDefinition(id("ch"), tenantId, "ops hook", "webhook", Map.of("url", url),
                "test-signing-secret", now, now);
    }

    static MonitorEvent down(String tenantId, String monitorId, long incident, String... channelIds) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new MonitorEvent(id("ev"), monitorId, tenantId, "nightly backup", MonitorStatus.UP, MonitorStatus.DOWN,
                EventReason.TIMEOUT, now, incident, null, now.minusSeconds(90), "started", null, List.of(channelIds));
    }

    static void put(ChannelDefinition channel) {
        topics().send(Topic.CHANNELS, channel.id(), channel);
    }

    static void publish(MonitorEvent event) {
        topics().send(Topic.ALERTS, event.monitorId(), event);
    }

    /** Publishes to a given partition, so tests can put a slow and a fast delivery behind each other. */
    static void publish(MonitorEvent event, int partition) {
        topics().send(Topic.ALERTS, partition, event.monitorId(), event);
    }

    /** Every value of the topic with this key, read from the beginning until the deadline or {@code enough}. */
    static <V> List<V> readByKey(Topic<String, V> topic, String key, Predicate<List<V>> enough, Duration timeout) {
        return topics().readByKey(topic, key, enough, timeout);
    }

    /** Moves a consumer group to the end of {@code alerts}, so it ignores what earlier tests wrote. */
    static void startGroupAtEnd(String groupId) {
        topics().moveGroupToEnd(groupId, Topic.ALERTS);
    }
}
