package io.pushmon.dispatcher.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.pushmon.common.model.ChannelDefinition;
import io.pushmon.common.model.EventReason;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.model.MonitorStatus;
import io.pushmon.common.serde.JsonSerde;
import io.pushmon.common.topics.Topic;
import io.pushmon.kafka.testing.SharedKafka;

/** Writes channels and events to the test broker and reads the dispatcher's output back, as a client would. */
public final class DispatcherTopics {

    private static KafkaProducer<String, Object> producer;

    private DispatcherTopics() {
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
        send(Topic.CHANNELS, null, channel.id(), channel);
    }

    static void publish(MonitorEvent event) {
        send(Topic.MONITOR_EVENTS, null, event.monitorId(), event);
    }

    /** Publishes to a given partition, so tests can put a slow and a fast delivery behind each other. */
    static void publish(MonitorEvent event, int partition) {
        send(Topic.MONITOR_EVENTS, partition, event.monitorId(), event);
    }

    private static synchronized void send(Topic topic, Integer partition, String key, Object value) {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new JsonSerde<>(Object.class));
        }
        try {
            producer.send(new ProducerRecord<>(topic.topicName(), partition, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not write to " + topic, e);
        }
    }

    /** Every record of the topic with this key, read from the beginning until the deadline or the first match. */
    static <T> List<T> readByKey(Topic topic, String key, Class<T> type, Predicate<List<T>> enough,
            Duration timeout) {
        List<T> found = new ArrayList<>();
        JsonSerde<T> serde = new JsonSerde<>(type);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.topicName()).stream()
                    .map(p -> new TopicPartition(topic.topicName(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!enough.test(found) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (key.equals(record.key())) {
                        found.add(serde.deserialize(record.topic(), record.value()));
                    }
                }
            }
        }
        return found;
    }

    /** Moves a consumer group to the end of {@code monitor-events}, so it ignores what earlier tests wrote. */
    static void startGroupAtEnd(String groupId) {
        startGroupAtEnd(groupId, Topic.MONITOR_EVENTS);
    }

    /** Moves a consumer group to the end of a topic. */
    public static void startGroupAtEnd(String groupId, Topic pushmonTopic) {
        String topic = pushmonTopic.topicName();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()))) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, OffsetAndMetadata> ends = admin.listOffsets(latest).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue().offset())));
            admin.alterConsumerGroupOffsets(groupId, ends).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("could not position group " + groupId, e);
        }
    }
}
