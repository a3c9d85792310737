package io.pushmon.dispatcher.kafka;

import java.util.Map;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.pushmon.common.kafka.KafkaClients;
import io.pushmon.common.kafka.KafkaConfig;
import io.pushmon.common.topics.Topic;
import io.pushmon.dispatcher.delivery.DispatcherConfig;
import io.smallrye.common.annotation.Identifier;

/**
 * What the messaging connector's two incoming channels take from pushmon's own typed configuration: the
 * cluster and its credentials ({@link KafkaConfig}, shared with every other client), the group and the topic.
 * The connector finds these by the identifiers named in {@code application.properties}, where the commit and
 * failure strategies are set; a channel property set there overrides what these maps say.
 */
@Singleton
public class ConsumerChannels {

    /** {@code kafka-configuration} of the {@code alerts} channel. */
    public static final String ALERTS_CONFIGURATION = "pushmon-alerts-consumer";
    /** {@code consumer-rebalance-listener.name} of the {@code alerts} channel. */
    public static final String ALERTS_PARTITIONS = "pushmon-alerts-partitions";
    /** {@code kafka-configuration} of the {@code notification-retries} channel. */
    public static final String RETRIES_CONFIGURATION = "pushmon-retries-consumer";
    /** {@code consumer-rebalance-listener.name} of the {@code notification-retries} channel. */
    public static final String RETRIES_PARTITIONS = "pushmon-retries-partitions";

    /**
     * Session timeout of both consumers, in milliseconds. A crashed member keeps its partitions, and their
     * notifications wait, until its session expires: Kafka's 45 s default is far too long for alerts. Work never
     * runs on the polling thread, so it heartbeats steadily and a short session causes no spurious rebalances.
     */
    public static final int SESSION_TIMEOUT_MS = 10_000;
    /** Records one poll returns; the connector queues twice this before it pauses its partitions. */
    static final int MAX_POLL_RECORDS = 100;

    @Produces
    @Identifier(ALERTS_CONFIGURATION)
    Map<String, Object> alerts(KafkaConfig kafka, DispatcherConfig config) {
        return consumer(kafka, "pushmon-dispatcher-events", config.events().groupId(), Topic.ALERTS, config);
    }

    @Produces
    @Identifier(RETRIES_CONFIGURATION)
    Map<String, Object> retries(KafkaConfig kafka, DispatcherConfig config) {
        return consumer(kafka, "pushmon-dispatcher-retries", config.retry().groupId(), Topic.NOTIFICATION_RETRIES,
                config);
    }

    @Produces
    @Singleton
    @Identifier(ALERTS_PARTITIONS)
    Partitions alertsPartitions() {
        return new Partitions();
    }

    @Produces
    @Singleton
    @Identifier(RETRIES_PARTITIONS)
    Partitions retriesPartitions() {
        return new Partitions();
    }

    static Map<String, Object> consumer(KafkaConfig kafka, String clientId, String groupId, Topic<?, ?> topic,
            DispatcherConfig config) {
        // A new group starts at the beginning of retention: notifying late beats losing an outage.
        Map<String, Object> configs = KafkaClients.groupMember(kafka, clientId, groupId);
        configs.put("topic", topic.topicName());
        // Values are decoded by the consumers themselves, so an unreadable record is skipped by name, not fatal.
        configs.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        configs.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        configs.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
        configs.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS);
        configs.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, SESSION_TIMEOUT_MS / 3);
        // The throttled strategy commits on this period, and on shutdown waits at most this long for unfinished
        // records before its last commit.
        configs.put(ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG, (int) config.commitInterval().toMillis());
        return configs;
    }
}
