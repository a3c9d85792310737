package io.pushmon.gateway.directory;

import static io.pushmon.gateway.GatewayTestSupport.topics;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.pushmon.common.kafka.KafkaClients;
import io.pushmon.common.model.ChannelDefinition;
import io.pushmon.common.topics.Topic;
import io.pushmon.kafka.testing.SharedKafka;
import io.pushmon.kafka.testing.TestKafkaConfig;

/** The cache on a real broker, without Quarkus. */
class CompactedTopicCacheIT {

    @Test
    void itCatchesUpWithWhatWasWrittenBeforeItStartedAndFollowsLaterWrites() throws Exception {
        String early = id();
        String deleted = id();
        write(early, "early");
        write(deleted, "doomed");
        write(deleted, null);

        try (CompactedTopicCache<ChannelDefinition> cache = newCache()) {
            cache.start();
            cache.caughtUp().toCompletableFuture().get(20, TimeUnit.SECONDS);

            assertThat(cache.isCaughtUp()).isTrue();
            assertThat(cache.get(early)).map(ChannelDefinition::name).contains("early");
            assertThat(cache.getByIndex("name:early")).map(ChannelDefinition::id).contains(early);
            assertThat(cache.get(deleted)).isEmpty();

            String later = id();
            write(later, "later");
            write(early, "renamed");
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(cache.get(later)).isPresent();
                assertThat(cache.get(early)).map(ChannelDefinition::name).contains("renamed");
            });
            assertThat(cache.getByIndex("name:early")).as("the old index key is gone").isEmpty();
            assertThat(cache.getByIndex("name:renamed")).map(ChannelDefinition::id).contains(early);
        }
    }

    @Test
    void aWriteAppliedLocallyIsNotUndoneByAnOlderRecordTheConsumerReadsLater() throws Exception {
        String key = id();
        try (CompactedTopicCache<ChannelDefinition> cache = newCache()) {
            RecordMetadata older = write(key, "old");
            RecordMetadata deletion = write(key, null);
            // The gateway applies its own deletion before its consumer has read either record.
            cache.applyWritten(key, deletion, null);
            cache.start();
            cache.caughtUp().toCompletableFuture().get(20, TimeUnit.SECONDS);

            assertThat(older.offset()).isLessThan(deletion.offset());
            assertThat(cache.get(key)).isEmpty();

            write(key, "recreated");
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(cache.get(key)).map(ChannelDefinition::name).contains("recreated"));
        }
    }

    @Test
    void aWriteOfThisGatewayIsRememberedOnlyUntilTheConsumerReadsItBack() throws Exception {
        String key = id();
        try (CompactedTopicCache<ChannelDefinition> cache = newCache()) {
            cache.start();
            cache.caughtUp().toCompletableFuture().get(20, TimeUnit.SECONDS);

            cache.applyWritten(key, write(key, "mine"), channel(key, "mine"));
            RecordMetadata deletion = write(key, null);
            cache.applyWritten(key, deletion, null);
            assertThat(cache.get(key)).isEmpty();

            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(cache.unreadWrites()).isZero());
            assertThat(cache.get(key)).isEmpty();
        }
    }

    @Test
    void aWriteAcknowledgedAfterTheConsumerReadANewerRecordOfTheKeyIsIgnored() throws Exception {
        String key = id();
        try (CompactedTopicCache<ChannelDefinition> cache = newCache()) {
            cache.start();
            cache.caughtUp().toCompletableFuture().get(20, TimeUnit.SECONDS);

            RecordMetadata older = write(key, "older");
            write(key, "newer");
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(cache.get(key)).map(ChannelDefinition::name).contains("newer"));
            cache.applyWritten(key, older, channel(key, "older"));

            assertThat(cache.get(key)).map(ChannelDefinition::name).contains("newer");
            assertThat(cache.unreadWrites()).isZero();
        }
    }

    private static CompactedTopicCache<ChannelDefinition> newCache() {
        return new CompactedTopicCache<>(Topic.CHANNELS,
                KafkaClients.groupless(TestKafkaConfig.of(SharedKafka.bootstrapServers()), "cache-test-" + id()),
                channel -> List.of("name:" + channel.name()));
    }

    private static RecordMetadata write(String key, String name) {
        return topics().send(Topic.CHANNELS, key, name == null ? null : channel(key, name));
    }

    private static ChannelDefinition channel(String key, String name) {
        return new ChannelDefinition(key, "cache-test", name, "webhook", Map.of(), null, Instant.now(), Instant.now());
    }

    private static String id() {
        return "cache-test-" + UUID.randomUUID();
    }
}
