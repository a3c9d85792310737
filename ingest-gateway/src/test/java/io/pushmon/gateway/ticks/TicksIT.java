package io.pushmon.gateway.ticks;

import static io.pushmon.gateway.GatewayTestSupport.topics;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;

import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import io.pushmon.common.model.Heartbeat;
import io.pushmon.common.topics.Topic;
import io.pushmon.gateway.GatewayConfig;
import io.pushmon.kafka.testing.KafkaTestBroker;
import io.pushmon.kafka.testing.TopicClient.Isolation;
import io.pushmon.kafka.testing.TopicClient.Received;
import io.pushmon.kafka.testing.TopicClient.Tail;
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
        Map<Integer, Integer> ticksPerPartition = new ConcurrentHashMap<>();
        try (Tail<String, Heartbeat> heartbeats = topics().tail(Topic.HEARTBEATS, Isolation.UNCOMMITTED)) {
            for (Received<String, Heartbeat> record : heartbeats.readFor(WINDOW, Heartbeat::isTick)) {
                assertThat(record.key()).isEqualTo(Heartbeat.TICK_KEY);
                assertThat(record.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
                ticksPerPartition.merge(record.partition(), 1, Integer::sum);
            }
        }

        assertThat(ticksPerPartition.keySet()).isEqualTo(Set.of(0, 1, 2));
        // One round per interval, give or take scheduling on a busy machine; one gateway ticking, not a flood.
        long expected = WINDOW.toMillis() / config.ticks().interval().toMillis();
        assertThat(ticksPerPartition.values())
                .allSatisfy(count -> assertThat(count).isBetween((int) expected / 2, (int) (expected * 3 / 2 + 1)));
    }
}
