package io.pushmon.dispatcher.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.pushmon.dispatcher.delivery.DispatcherTopics.down;
import static io.pushmon.dispatcher.delivery.DispatcherTopics.id;
import static io.pushmon.dispatcher.delivery.DispatcherTopics.topics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.pushmon.common.delivery.ScheduledRetry;
import io.pushmon.common.model.ChannelDefinition;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.topics.Topic;
import io.pushmon.dispatcher.channelcache.ChannelCache;
import io.pushmon.kafka.testing.KafkaTestBroker;
import io.pushmon.kafka.testing.SharedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A retry held in memory until due, while its partition moves in a rebalance: the receiver must get that attempt
 * once. The dispatcher's own retry consumer holds it; a second member, a plain consumer that never commits, joins
 * the group, which revokes every partition of the first (eager rebalance), and leaves again before the retry is
 * due. Whichever member the partition went to in between, the dispatcher reads the retry again and sends it once.
 */
@QuarkusTest
@WithTestResource(KafkaTestBroker.class)
@TestProfile(RetryRebalanceIT.OwnRetryGroup.class)
class RetryRebalanceIT {

    /** Long enough for the second member to join, the group to rebalance twice, and the dispatcher to re-read. */
    private static final Duration DUE_IN = Duration.ofSeconds(12);

    static final String GROUP = "retry-rebalance-it-" + UUID.randomUUID();

    /** Only the retry consumer runs, in a group of this class alone. */
    public static class OwnRetryGroup implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pushmon.dispatcher.events.enabled", "false");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(GroupAtEnd.class,
                    GroupAtEnd.args(GROUP, Topic.NOTIFICATION_RETRIES, "pushmon.dispatcher.retry.group-id")));
        }
    }

    @Inject
    ChannelCache channels;

    @Inject
    RetryConsumer retries;

    private WireMockServer receiver;

    @BeforeEach
    void startReceiver() {
        receiver = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        receiver.start();
        receiver.stubFor(post("/hook").willReturn(aResponse().withStatus(200)));
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop();
    }

    private static void write(ScheduledRetry retry) {
        topics().send(Topic.NOTIFICATION_RETRIES, retry.idempotencyKey(), retry);
    }

    /** Joins the group, polls (and so takes part in rebalances) until told to stop, and commits nothing. */
    private static Thread secondMember(AtomicBoolean assigned, AtomicBoolean stop) {
        Thread member = new Thread(() -> {
            Map<String, Object> configs = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, GROUP, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(configs, new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(Topic.NOTIFICATION_RETRIES.topicName()), new ConsumerRebalanceListener() {
                    @Override
                    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                        assigned.set(true);
                    }

                    @Override
                    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    }
                });
                while (!stop.get()) {
                    consumer.poll(Duration.ofMillis(100));
                }
            }
        }, "second-retry-member");
        member.start();
        return member;
    }

    @Test
    void aRetryHeldWhenItsPartitionMovesIsSentOnce() throws Exception {
        String tenant = id("tenant");
        ChannelDefinition channel = DispatcherTopics.webhook(tenant, receiver.baseUrl() + "/hook");
        DispatcherTopics.put(channel);
        await().atMost(Duration.ofSeconds(10)).until(() -> channels.find(channel.id()).isPresent());
        await().atMost(Duration.ofSeconds(30)).until(retries::assigned);
        MonitorEvent event = down(tenant, id("mon"), 3, channel.id());
        String key = IdempotencyKey.of(event, channel.id());

        write(new ScheduledRetry(key, event, channel.id(), 2, Instant.now().plus(DUE_IN), List.of()));
        await().atMost(Duration.ofSeconds(5)).until(() -> retries.unfinished() == 1);

        AtomicBoolean assigned = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        Thread second = secondMember(assigned, stop);
        try {
            await().atMost(DUE_IN.minusSeconds(6)).untilTrue(assigned);
        } finally {
            stop.set(true);
            second.join(10_000);
        }

        await().atMost(DUE_IN.plusSeconds(10))
                .until(() -> !receiver.findAll(postRequestedFor(urlEqualTo("/hook"))).isEmpty());
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> receiver.findAll(postRequestedFor(urlEqualTo("/hook"))).size() == 1);
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/hook"))))
                .extracting(request -> request.getHeader("Idempotency-Key")).containsExactly(key);
    }
}
