package io.pushmon.dispatcher.kafka;

import static io.pushmon.dispatcher.delivery.DispatcherTopics.topics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentSkipListMap;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pushmon.common.model.TenantDefinition;
import io.pushmon.common.topics.Topic;
import io.pushmon.kafka.testing.SharedKafka;
import io.pushmon.kafka.testing.TestKafkaConfig;

/**
 * The commit and pause rules of {@link TrackedConsumer} on the real broker, with work the test finishes by
 * hand. It uses {@code tenants}, a topic the dispatcher never reads, so nothing else consumes these records.
 */
class TrackedConsumerIT {

    private static final Topic<String, TenantDefinition> TOPIC = Topic.TENANTS;
    private static final TopicPartition P0 = new TopicPartition(TOPIC.topicName(), 0);

    private final Map<Long, CompletableFuture<Void>> work = new ConcurrentSkipListMap<>();
    private String group;
    private TrackedConsumer<TenantDefinition> consumer;

    @BeforeEach
    void startConsumer() {
        group = "tracked-" + UUID.randomUUID();
        topics().moveGroupToEnd(group, TOPIC);
    }

    @AfterEach
    void stopConsumer() {
        work.values().forEach(future -> future.complete(null));
        consumer.close();
    }

    private void start(int maxUnfinished) {
        consumer = new TrackedConsumer<>("tracked-test", TestKafkaConfig.of(SharedKafka.bootstrapServers()), TOPIC,
                group, maxUnfinished, Duration.ofMillis(100), Duration.ZERO) {
            @Override
            protected CompletionStage<Void> handle(ConsumerRecord<byte[], byte[]> record, TenantDefinition value) {
                if (record.partition() != 0) {
                    return CompletableFuture.completedFuture(null);
                }
                return work.computeIfAbsent(record.offset(), offset -> new CompletableFuture<>());
            }
        };
        consumer.start();
        await().atMost(Duration.ofSeconds(30)).until(consumer::assigned);
    }

    private static long write(int count) {
        long first = -1;
        for (int i = 0; i < count; i++) {
            long offset = topics().send(TOPIC, 0, "k" + i, new TenantDefinition("k" + i, "tracked", List.of(), null))
                    .offset();
            first = first < 0 ? offset : first;
        }
        return first;
    }

    private long committed() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()))) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .get(P0);
            return offset == null ? -1 : offset.offset();
        }
    }

    @Test
    void theCommittedOffsetNeverPassesARecordWhoseWorkIsUnfinished() throws Exception {
        start(100);
        long first = write(3);
        await().atMost(Duration.ofSeconds(10)).until(() -> work.size() == 3);

        work.get(first + 1).complete(null);
        work.get(first + 2).complete(null);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> committed() <= first);

        work.get(first).complete(null);
        await().atMost(Duration.ofSeconds(5)).until(() -> committed() == first + 3);
    }

    @Test
    void anUnreadableRecordIsSkippedAndItsOffsetCommitted() throws Exception {
        start(100);
        long bad = topics().sendRaw(TOPIC, 0, "bad", "{not json".getBytes(StandardCharsets.UTF_8)).offset();

        await().atMost(Duration.ofSeconds(10)).until(() -> committed() == bad + 1);
        assertThat(work).doesNotContainKey(bad);
    }

    @Test
    void tooMuchUnfinishedWorkPausesThePartitionsUntilHalfOfItIsDone() throws Exception {
        start(10);
        write(250);
        await().atMost(Duration.ofSeconds(10)).until(() -> work.size() >= 10);
        // One poll may hand out up to max.poll.records before the pause takes effect, never everything.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> work.size() <= 100);

        work.values().forEach(future -> future.complete(null));

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            work.values().forEach(future -> future.complete(null));
            return work.size() == 250;
        });
    }
}
