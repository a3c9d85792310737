package io.pushmon.gateway.ticks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import io.pushmon.common.model.Heartbeat;
import io.pushmon.common.serde.PushmonSerdes;
import io.pushmon.common.topics.Topic;
import io.pushmon.gateway.GatewayConfig;
import io.pushmon.kafka.testing.KafkaTestBroker;
import io.pushmon.kafka.testing.SharedKafka;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = KafkaTestBroker.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TicksIT {

    private static final Duration WINDOW = Duration.ofMillis(3500);

    @Inject
    GatewayConfig config;

    @Test
    void everyPartitionOfHeartbeatsGetsATickOncePerInterval() {
        List<TopicPartition> partitions = java.util.stream.IntStream.range(0, SharedKafka.TEST_PARTITIONS)
                .mapToObj(p -> new TopicPartition(Topic.HEARTBEATS.topicName(), p)).toList();
        Map<Integer, Integer> ticksPerPartition = new ConcurrentHashMap<>();
        try (KafkaConsumer<String, Heartbeat> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), PushmonSerdes.heartbeat())) {
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            Map<TopicPartition, Long> start = new HashMap<>();
            partitions.forEach(p -> start.put(p, consumer.position(p)));

            long deadline = System.nanoTime() + WINDOW.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, Heartbeat> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value().isTick()) {
                        assertThat(record.key()).isEqualTo(TickWriter.TICK_KEY);
                        assertThat(record.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
                        ticksPerPartition.merge(record.partition(), 1, Integer::sum);
                    }
                }
            }
        }

        assertThat(ticksPerPartition.keySet()).isEqualTo(Set.of(0, 1, 2));
        // One round per interval, give or take scheduling on a busy machine; one gateway ticking, not a flood.
        long expected = WINDOW.toMillis() / config.ticks().interval().toMillis();
        assertThat(ticksPerPartition.values())
                .allSatisfy(count -> assertThat(count).isBetween((int) expected / 2, (int) (expected * 3 / 2 + 1)));
    }
}
