package io.pushmon.kafka.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.pushmon.common.topics.Topic;

/** The shared broker is a real broker: topics exist as configured and transactions commit. */
class SharedKafkaIT {

    @Test
    void everyPushmonTopicExistsWithItsPolicyBeforeTheBrokerIsHandedOut() throws Exception {
        String bootstrap = SharedKafka.bootstrapServers();

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            for (Topic<?, ?> topic : Topic.all()) {
                assertThat(names).contains(topic.topicName());
            }
            var heartbeats = new ConfigResource(ConfigResource.Type.TOPIC, Topic.HEARTBEATS.topicName());
            var monitors = new ConfigResource(ConfigResource.Type.TOPIC, Topic.MONITORS.topicName());
            var configs = admin.describeConfigs(List.of(heartbeats, monitors)).all().get(10, TimeUnit.SECONDS);
            assertThat(configs.get(heartbeats).get("message.timestamp.type").value()).isEqualTo("LogAppendTime");
            ConfigEntry cleanup = configs.get(monitors).get("cleanup.policy");
            assertThat(cleanup.value()).isEqualTo("compact");
        }
    }

    @Test
    void aTransactionalWriteIsReadCommittedWithBrokerTime() {
        String bootstrap = SharedKafka.bootstrapServers();
        String topic = Topic.HEARTBEATS.topicName();
        long before = System.currentTimeMillis();

        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "shared-kafka-it",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.initTransactions();
            producer.beginTransaction();
            // A client timestamp far in the past: LogAppendTime must replace it with the broker's clock.
            producer.send(new ProducerRecord<>(topic, 0, 1L, "broker-it", "{}"));
            producer.commitTransaction();
        }

        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            var partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            ConsumerRecord<String, String> found = null;
            long until = System.currentTimeMillis() + 15_000;
            while (found == null && System.currentTimeMillis() < until) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if ("broker-it".equals(record.key())) {
                        found = record;
                    }
                }
            }
            assertThat(found).isNotNull();
            assertThat(found.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
            assertThat(found.timestamp()).isGreaterThanOrEqualTo(before);
        }
    }
}
